package io.switchboard.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.testkit.RedisTestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The multi-counter Lua script against a real redis-server, through the limiter the service uses. */
class MultiCounterScriptTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> admin;
    private static RedisConnector connector;
    private static RedisRateLimiter limiter;

    @BeforeAll
    static void connect() {
        RedisURI uri = RedisURI.create(RedisTestServer.shared().uri());
        client = RedisClient.create(uri);
        admin = client.connect();
        connector = new RedisConnector(client, uri, Duration.ofSeconds(2));
        limiter = new RedisRateLimiter(connector, Duration.ofSeconds(2));
    }

    @AfterAll
    static void close() {
        connector.close();
        admin.close();
        client.shutdown();
    }

    @BeforeEach
    void clean() {
        redis().flushall();
    }

    private static RedisCommands<String, String> redis() {
        return admin.sync();
    }

    private static CounterResults check(CounterSpec... counters) throws Exception {
        return limiter.check(List.of(counters)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void countsEveryCounterWhileAllAreUnderTheirLimits() throws Exception {
        CounterResults first = check(new CounterSpec("a", 3, 60_000), new CounterSpec("b", 5, 30_000));
        CounterResults second = check(new CounterSpec("a", 3, 60_000), new CounterSpec("b", 5, 30_000));

        assertThat(first.allowed()).isTrue();
        assertThat(first.counts()).containsExactly(1L, 1L);
        assertThat(first.ttlsMillis()).containsExactly(60_000L, 30_000L);
        assertThat(second.counts()).containsExactly(2L, 2L);
        assertThat(second.ttlsMillis().get(0)).isBetween(1L, 60_000L);
        assertThat(redis().pttl("a")).isBetween(1L, 60_000L);
        assertThat(redis().pttl("b")).isBetween(1L, 30_000L);
    }

    @Test
    void incrementsNothingWhenOneCounterIsAtItsLimit() throws Exception {
        redis().set("day", "10");
        redis().pexpire("day", 86_400_000);

        CounterResults results = check(new CounterSpec("minute", 60, 60_000), new CounterSpec("day", 10, 86_400_000),
                new CounterSpec("recipient", 10, 60_000));

        assertThat(results.allowed()).isFalse();
        assertThat(results.refusedIndex()).isEqualTo(1);
        assertThat(results.counts()).containsExactly(0L, 10L, 0L);
        assertThat(results.ttlsMillis().get(0)).isEqualTo(-2L);
        assertThat(results.ttlsMillis().get(1)).isPositive();
        assertThat(redis().exists("minute", "recipient")).isZero();
        assertThat(redis().get("day")).isEqualTo("10");
    }

    @Test
    void reportsTheFirstRefusingCounter() throws Exception {
        redis().set("x", "1");
        redis().set("y", "1");

        assertThat(check(new CounterSpec("x", 1, 1_000), new CounterSpec("y", 1, 1_000)).refusedIndex()).isZero();
    }

    @Test
    void aLimitOfZeroRefusesEverything() throws Exception {
        assertThat(check(new CounterSpec("none", 0, 1_000)).allowed()).isFalse();
        assertThat(redis().exists("none")).isZero();
    }

    @Test
    void givesACounterThatLostItsTtlANewOne() throws Exception {
        redis().set("forever", "1");

        CounterResults results = check(new CounterSpec("forever", 5, 10_000));

        assertThat(results.counts()).containsExactly(2L);
        assertThat(redis().pttl("forever")).isBetween(1L, 10_000L);
    }

    @Test
    void fallsBackToEvalWhenRedisForgotTheScript() throws Exception {
        redis().scriptFlush();

        assertThat(check(new CounterSpec("after-flush", 2, 1_000)).counts()).containsExactly(1L);
        assertThat(redis().scriptExists(MultiCounterScript.sha1())).containsExactly(true);
        assertThat(check(new CounterSpec("after-flush", 2, 1_000)).counts()).containsExactly(2L);
    }

    @Test
    void failsWhenRedisIsUnreachable() {
        try (RedisTestServer gone = RedisTestServer.start()) {
            RedisURI uri = RedisURI.create(gone.uri());
            gone.close();
            RedisClient lonely = RedisClient.create(uri);
            try (RedisConnector unreachable = new RedisConnector(lonely, uri, Duration.ofSeconds(1))) {
                RedisRateLimiter refused = new RedisRateLimiter(unreachable, Duration.ofSeconds(1));
                assertThatThrownBy(() -> refused.check(List.of(new CounterSpec("k", 1, 1_000)))
                        .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            } finally {
                lonely.shutdown();
            }
        }
    }
}
