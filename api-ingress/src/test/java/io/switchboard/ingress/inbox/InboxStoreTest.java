package io.switchboard.ingress.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.testkit.RedisTestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox scripts on a real Redis: keeping, the retention and the maximum count (each trimming the sender index
 * and the media index with the message), paging newest first with an exact cursor inside equal received times,
 * since/until bounds, and a re-kept wamid listed once.
 */
class InboxStoreTest {

    private static final Instant NOW = Instant.parse("2025-12-19T10:00:00Z");
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> admin;
    private static RedisConnector connector;
    private static InboxStore store;

    @BeforeAll
    static void connect() {
        RedisURI uri = RedisURI.create(RedisTestServer.shared().uri());
        client = RedisClient.create(uri);
        admin = client.connect();
        connector = new RedisConnector(client, uri, Duration.ofSeconds(2));
        InboxConfiguration config = new InboxConfiguration();
        config.setMaxMessages(5);
        config.setRetention(Duration.ofDays(30));
        store = new InboxStore(connector, config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        connector.close();
        admin.close();
        client.shutdown();
    }

    @Test
    void theOldestBeyondTheMaximumLeaveEveryIndex() {
        String number = number();
        for (int i = 0; i < 7; i++) {
            keep(number, i % 2 == 0 ? "+911111111111" : "+912222222222", "wamid." + i, NOW.minusSeconds(100 - i),
                    "m" + i);
        }

        assertThat(ids(number, query(null, 10, null))).containsExactly("wamid.6", "wamid.5", "wamid.4", "wamid.3",
                "wamid.2");
        assertThat(ids(number, query("+911111111111", 10, null))).containsExactly("wamid.6", "wamid.4", "wamid.2");
        assertThat(redis().hkeys(InboxKeys.media(number))).containsExactlyInAnyOrder("m2", "m3", "m4", "m5", "m6");
        assertThat(redis().hlen(InboxKeys.messages(number))).isEqualTo(5);
        assertThat(redis().pttl(InboxKeys.all(number))).isBetween(Duration.ofDays(29).toMillis(),
                Duration.ofDays(30).toMillis());
    }

    @Test
    void messagesOlderThanTheRetentionAreNotKeptAndExpiredOnesAreTrimmed() {
        String number = number();
        assertThat(store.keep(number, "+911111111111", "wamid.ancient", NOW.minus(Duration.ofDays(31)),
                json("+911111111111"), "m-old").join()).isFalse();
        // Kept by an earlier clock, now past the retention: trimmed by the next write.
        InboxConfiguration config = new InboxConfiguration();
        new InboxStore(connector, config, Clock.fixed(NOW.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                .keep(number, "+911111111111", "wamid.old", NOW.minus(Duration.ofDays(35)),
                        imageJson("+911111111111", "wamid.old", "m-35"), "m-35").join();
        assertThat(redis().zcard(InboxKeys.sender(number, "+911111111111"))).isEqualTo(1);

        keep(number, "+912222222222", "wamid.new", NOW, "m-new");

        assertThat(ids(number, query(null, 10, null))).containsExactly("wamid.new");
        assertThat(redis().zcard(InboxKeys.sender(number, "+911111111111"))).isZero();
        assertThat(redis().hkeys(InboxKeys.media(number))).containsExactly("m-new");
    }

    @Test
    void pagesFollowTheCursorThroughEqualReceivedTimes() {
        String number = number();
        List<String> kept = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 5; i++) {
            // Mixed case and punctuation, as real wamids (base64): ties must follow the set's byte order.
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String wamid = "wamid.HBgM" + java.util.Base64.getEncoder().encodeToString(bytes);
            kept.add(wamid);
            keep(number, "+911111111111", wamid, NOW.minusSeconds(10), null);
        }

        List<String> seen = new ArrayList<>();
        InboxQuery.Position cursor = null;
        boolean more = true;
        while (more) {
            InboxStore.Page page = store.page(number, query(null, 2, cursor)).join();
            page.entries().forEach(entry -> seen.add(entry.position().wamid()));
            more = page.hasMore();
            cursor = more ? page.entries().get(page.entries().size() - 1).position() : null;
        }

        assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void sinceIsInclusiveUntilExclusiveAndARekeptMessageIsListedOnce() {
        String number = number();
        for (int i = 0; i < 4; i++) {
            keep(number, "+911111111111", "wamid.t" + i, NOW.minusSeconds(40 - 10L * i), null);
        }
        keep(number, "+911111111111", "wamid.t1", NOW.minusSeconds(30), null);

        InboxQuery window = new InboxQuery(null, NOW.minusSeconds(30), NOW.minusSeconds(10), 10, null);
        assertThat(ids(number, window)).containsExactly("wamid.t2", "wamid.t1");
        assertThat(ids(number, query(null, 10, null))).containsExactly("wamid.t3", "wamid.t2", "wamid.t1", "wamid.t0");
    }

    private static void keep(String number, String from, String wamid, Instant at, String mediaId) {
        String json = mediaId == null ? json(from) : imageJson(from, wamid, mediaId);
        assertThat(store.keep(number, from, wamid, at, json, mediaId).join()).isTrue();
    }

    private static String imageJson(String from, String wamid, String mediaId) {
        return "{\"id\":\"" + wamid + "\",\"from\":\"" + from + "\",\"type\":\"image\",\"image\":{\"id\":\""
                + mediaId + "\"}}";
    }

    private static String json(String from) {
        return "{\"from\":\"" + from + "\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";
    }

    private static List<String> ids(String number, InboxQuery query) {
        return store.page(number, query).join().entries().stream().map(e -> e.position().wamid()).toList();
    }

    private static InboxQuery query(String from, int limit, InboxQuery.Position cursor) {
        return new InboxQuery(from, null, null, limit, cursor);
    }

    private static String number() {
        return "10" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    }

    private static RedisCommands<String, String> redis() {
        return admin.sync();
    }
}
