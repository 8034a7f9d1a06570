package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaRulesAndStoreTest {

    private static final long MB = 1024 * 1024;

    @Test
    void acceptsEachKindUpToItsLimit() {
        MediaRules.check("image/jpeg", new byte[(int) (5 * MB)]);
        MediaRules.check("image/png", new byte[10]);
        MediaRules.check("video/3gpp", new byte[(int) (16 * MB)]);
        MediaRules.check("audio/ogg; codecs=opus", new byte[10]);
        MediaRules.check("application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[10]);
        MediaRules.check("image/webp", new byte[100 * 1024]);
    }

    @Test
    void refusesTooLargeWith131053AndUnknownTypesWith100() {
        assertCode(() -> MediaRules.check("image/jpeg", new byte[(int) (5 * MB) + 1]), 131053);
        assertCode(() -> MediaRules.check("audio/mpeg", new byte[(int) (16 * MB) + 1]), 131053);
        assertCode(() -> MediaRules.check("image/webp", new byte[100 * 1024 + 1]), 131053);
        assertCode(() -> MediaRules.check("image/gif", new byte[10]), 100);
        assertCode(() -> MediaRules.check("video/quicktime", new byte[10]), 100);
        assertCode(() -> MediaRules.check("image/png", new byte[0]), 100);
    }

    @Test
    void evictsTheOldestUploadsBeyondTheTotalBound() {
        MediaConfig config = new MediaConfig();
        config.setMaxTotalBytes(250);
        MediaStore store = new MediaStore(config);

        String first = store.store("1", "image/png", new byte[100]).id();
        String second = store.store("1", "image/png", new byte[100]).id();
        String third = store.store("1", "image/png", new byte[100]).id();

        assertThat(store.find(first)).isEmpty();
        assertThat(store.find(second)).isPresent();
        assertThat(store.find(third)).isPresent();
        assertThat(store.totalBytes()).isEqualTo(200);
        assertThat(store.delete(second)).isTrue();
        assertThat(store.totalBytes()).isEqualTo(100);
        assertCode(() -> store.store("1", "application/pdf", new byte[251]), 131053);
    }

    @Test
    void downloadUrlsExpireAndCannotBeForged() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        MediaUrls urls = new MediaUrls(Duration.ofMinutes(5), clock);
        String path = urls.pathFor("1234567890123456");
        String expires = path.replaceAll(".*expires=([0-9]+).*", "$1");
        String signature = path.replaceAll(".*signature=([0-9a-f]+)$", "$1");

        assertThat(urls.isValid("1234567890123456", expires, signature)).isTrue();
        assertThat(urls.isValid("1234567890123457", expires, signature)).isFalse();
        assertThat(urls.isValid("1234567890123456", expires + "0", signature)).isFalse();
        assertThat(urls.isValid("1234567890123456", "soon", signature)).isFalse();
        clock.advance(Duration.ofSeconds(299));
        assertThat(urls.isValid("1234567890123456", expires, signature)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(urls.isValid("1234567890123456", expires, signature)).isFalse();
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GraphErrorException.class,
                e -> assertThat(e.error().code()).isEqualTo(code));
    }
}
