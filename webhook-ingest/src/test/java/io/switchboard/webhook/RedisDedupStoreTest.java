package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.switchboard.testkit.RedisTestServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The claim, confirm and release scripts against a real Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDedupStoreTest {

    private static final Duration CLAIM_TTL = Duration.ofSeconds(30);
    private static final Duration TTL = Duration.ofDays(7);

    private RedisClient client;
    private RedisDedupStore store;
    private StatefulRedisConnection<String, String> direct;

    @BeforeAll
    void start() {
        client = RedisClient.create();
        RedisURI uri = RedisURI.create(RedisTestServer.shared().uri());
        store = new RedisDedupStore(client, uri, Duration.ofSeconds(2));
        direct = client.connect(uri);
    }

    @AfterAll
    void stop() {
        direct.close();
        store.close();
        client.shutdown();
    }

    @Test
    void newKeysAreClaimedAndAKeyRepeatedInTheBatchIsADuplicate() {
        String a = key();
        String b = key();

        assertThat(store.claim(List.of(a, b, a), "req-1", CLAIM_TTL).join()).containsExactly(1L, 1L, 0L);
        assertThat(direct.sync().get(a)).isEqualTo("req-1");
        assertThat(direct.sync().pttl(a)).isBetween(1L, CLAIM_TTL.toMillis());
    }

    @Test
    void keyClaimedByAnotherRequestStillPublishingIsReportedInFlight() {
        String a = key();
        store.claim(List.of(a), "req-1", CLAIM_TTL).join();

        assertThat(store.claim(List.of(a), "req-2", CLAIM_TTL).join()).containsExactly(2L);
    }

    @Test
    void confirmedKeyIsADuplicateForTheDedupTtl() {
        String a = key();
        store.claim(List.of(a), "req-1", CLAIM_TTL).join();

        store.confirm(List.of(a), TTL).join();

        assertThat(store.claim(List.of(a), "req-2", CLAIM_TTL).join()).containsExactly(0L);
        assertThat(direct.sync().get(a)).isEqualTo("seen");
        assertThat(direct.sync().pttl(a)).isGreaterThan(TTL.minusMinutes(1).toMillis());
    }

    @Test
    void releasedKeyIsNewAgainButOnlyTheClaimantReleasesIt() {
        String mine = key();
        String theirs = key();
        store.claim(List.of(mine), "req-1", CLAIM_TTL).join();
        store.claim(List.of(theirs), "req-2", CLAIM_TTL).join();

        assertThat(store.release(List.of(mine, theirs), "req-1").join()).isEqualTo(1L);

        assertThat(store.claim(List.of(mine, theirs), "req-3", CLAIM_TTL).join()).containsExactly(1L, 2L);
    }

    @Test
    void scriptsAreLoadedAgainWhenRedisForgotThem() {
        direct.sync().scriptFlush();
        String a = key();

        assertThat(store.claim(List.of(a), "req-1", CLAIM_TTL).join()).containsExactly(1L);
        assertThat(store.claim(List.of(a), "req-1", CLAIM_TTL).join()).containsExactly(0L);
    }

    private static String key() {
        return "wh:st:wamid.test-" + UUID.randomUUID() + ":sent";
    }
}
