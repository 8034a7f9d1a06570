package io.switchboard.ingress.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.testkit.RedisTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window script against real Redis: 24 h from the customer's message, never shortened, never in the past. */
class CustomerWindowWriterTest {

    private static final String KEY = CustomerWindows.redisKey("100200", "+919876543210");
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> admin;
    private static RedisConnector connector;
    private static CustomerWindowWriter writer;

    @BeforeAll
    static void connect() {
        RedisURI uri = RedisURI.create(RedisTestServer.shared().uri());
        client = RedisClient.create(uri);
        admin = client.connect();
        connector = new RedisConnector(client, uri, Duration.ofSeconds(2));
        writer = new CustomerWindowWriter(connector);
    }

    @AfterAll
    static void close() {
        connector.close();
        admin.close();
        client.shutdown();
    }

    @BeforeEach
    void clean() {
        admin.sync().del(KEY);
    }

    private static boolean open(Instant sentAt) throws Exception {
        return writer.open("100200", "+919876543210", sentAt).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMessageOpensTheWindowFor24HoursFromWhenItWasSent() throws Exception {
        assertThat(open(Instant.now().minus(Duration.ofHours(2)))).isTrue();

        assertThat(KEY).isEqualTo("win:100200:+919876543210");
        assertThat(admin.sync().pttl(KEY)).isBetween(Duration.ofHours(22).minusSeconds(5).toMillis(),
                Duration.ofHours(22).toMillis());
    }

    @Test
    void anOlderMessageNeverShortensALaterWindow() throws Exception {
        open(Instant.now());

        assertThat(open(Instant.now().minus(Duration.ofHours(5)))).isFalse();
        assertThat(admin.sync().pttl(KEY)).isGreaterThan(Duration.ofHours(23).toMillis());
    }

    @Test
    void aMessageOlderThan24HoursOpensNothing() throws Exception {
        assertThat(open(Instant.now().minus(Duration.ofHours(25)))).isFalse();
        assertThat(admin.sync().exists(KEY)).isZero();
    }

    @Test
    void aSenderClockInTheFutureOpensAtMost24Hours() throws Exception {
        open(Instant.now().plus(Duration.ofHours(6)));

        assertThat(admin.sync().pttl(KEY)).isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
    }
}
