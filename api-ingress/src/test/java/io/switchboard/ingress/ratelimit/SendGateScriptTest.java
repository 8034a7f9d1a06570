package io.switchboard.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.testkit.RedisTestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send gate's window and idempotency rules, in the same script call as the counters, against real Redis. */
class SendGateScriptTest {

    private static final List<CounterSpec> COUNTERS = List.of(new CounterSpec("minute", 5, 60_000),
            new CounterSpec("day", 100, 86_400_000));
    private static final SendGate.IdempotencyClaim CLAIM = new SendGate.IdempotencyClaim("idem", "hash-a", 30_000);

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

    private static GateResult gate(SendGate gate) throws Exception {
        return limiter.gate(gate).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClosedWindowRefusesBeforeAnythingIsCounted() throws Exception {
        GateResult result = gate(new SendGate(COUNTERS, "win:1:+4915112345678", null, true));

        assertThat(result.verdict()).isEqualTo(GateResult.Verdict.OUTSIDE_WINDOW);
        assertThat(redis().exists("minute", "day")).isZero();
    }

    @Test
    void anOpenWindowLetsTheSendThroughAndCountsIt() throws Exception {
        redis().set("win:1:+4915112345678", "1");

        GateResult result = gate(new SendGate(COUNTERS, "win:1:+4915112345678", null, true));

        assertThat(result.verdict()).isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(result.counters().counts()).containsExactly(1L, 1L);
    }

    @Test
    void peekChecksWithoutCountingOrClaiming() throws Exception {
        redis().set("minute", "2");

        GateResult result = gate(new SendGate(COUNTERS, null, CLAIM, false));

        assertThat(result.verdict()).isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(result.counters().counts()).containsExactly(2L, 0L);
        assertThat(redis().get("minute")).isEqualTo("2");
        assertThat(redis().exists("day", "idem")).isZero();
    }

    @Test
    void theFirstRequestClaimsTheKeyAndADuplicateInFlightIsToldHowLongToWait() throws Exception {
        assertThat(gate(new SendGate(COUNTERS, null, CLAIM, true)).verdict()).isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(redis().get("idem")).isEqualTo("P|hash-a");

        GateResult duplicate = gate(new SendGate(COUNTERS, null, CLAIM, true));

        assertThat(duplicate.verdict()).isEqualTo(GateResult.Verdict.IN_FLIGHT);
        assertThat(Long.parseLong(duplicate.detail())).isBetween(1L, 30_000L);
        // A duplicate consumes no quota.
        assertThat(redis().get("minute")).isEqualTo("1");
    }

    @Test
    void aCompletedKeyReplaysItsAnswerAndAnotherBodyIsRefused() throws Exception {
        redis().set("idem", "D|hash-a|{\"message_id\":\"m-1\",\"x\":\"a|b\"}");

        GateResult replay = gate(new SendGate(COUNTERS, "win:closed", CLAIM, true));
        GateResult other = gate(new SendGate(COUNTERS, null,
                new SendGate.IdempotencyClaim("idem", "hash-b", 30_000), true));

        assertThat(replay.verdict()).isEqualTo(GateResult.Verdict.REPLAY);
        assertThat(replay.detail()).isEqualTo("{\"message_id\":\"m-1\",\"x\":\"a|b\"}");
        assertThat(other.verdict()).isEqualTo(GateResult.Verdict.KEY_REUSED);
        assertThat(redis().exists("minute", "day")).isZero();
    }

    @Test
    void aRateLimitedRequestClaimsNothing() throws Exception {
        redis().set("minute", "5");

        GateResult result = gate(new SendGate(COUNTERS, null, CLAIM, true));

        assertThat(result.verdict()).isEqualTo(GateResult.Verdict.RATE_LIMITED);
        assertThat(result.counters().refusedIndex()).isZero();
        assertThat(redis().exists("idem")).isZero();
    }

    @Test
    void thePassRecordIsSetInTheSameCallOnlyWhenTheSendPassesAndIsCounted() throws Exception {
        SendGate.PassRecord record = new SendGate.PassRecord("acc:m-1", "{\"to\":\"+4915112345678\"}", 300_000);

        assertThat(gate(new SendGate(COUNTERS, null, CLAIM, true, record)).verdict())
                .isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(redis().get("acc:m-1")).isEqualTo("{\"to\":\"+4915112345678\"}");
        assertThat(redis().pttl("acc:m-1")).isBetween(1L, 300_000L);
        assertThat(redis().get("idem")).isEqualTo("P|hash-a");

        SendGate.PassRecord noClaim = new SendGate.PassRecord("acc:m-2", "x", 300_000);
        assertThat(gate(new SendGate(COUNTERS, "win:1:+4915112345678", null, true, noClaim)).verdict())
                .isEqualTo(GateResult.Verdict.OUTSIDE_WINDOW);
        redis().set("win:1:+4915112345678", "1");
        assertThat(gate(new SendGate(COUNTERS, "win:1:+4915112345678", null, false, noClaim)).verdict())
                .isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(redis().exists("acc:m-2")).as("neither refused nor peeked sends leave a record").isZero();
        assertThat(gate(new SendGate(COUNTERS, "win:1:+4915112345678", null, true, noClaim)).verdict())
                .isEqualTo(GateResult.Verdict.ALLOWED);
        assertThat(redis().get("acc:m-2")).isEqualTo("x");
    }
}
