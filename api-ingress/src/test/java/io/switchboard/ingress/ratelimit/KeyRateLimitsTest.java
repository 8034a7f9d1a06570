package io.switchboard.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRateLimitsTest {

    private static final Instant NOW = Instant.parse("2025-12-19T10:00:15.250Z");

    private static ApiKey key(int perMinute) {
        return ApiKey.newBuilder().setKeyId("0123456789abcdef").setKeyHash("h").setKeyPrefix("pk_live_xxxx")
                .setName("n").setAccountId("a").setPermissions(List.of(Permission.SEND_TEXT))
                .setRateLimitPerMinute(perMinute).setCreatedAt(NOW).build();
    }

    @Test
    void thePerMinuteCounterIsTheCalendarMinuteOfTheKey() {
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key(60), NOW);

        assertThat(plan).hasSize(1);
        KeyRateLimits.PlannedLimit minute = plan.get(0);
        assertThat(minute.kind()).isEqualTo(LimitKind.PER_MINUTE);
        assertThat(minute.counter().redisKey())
                .isEqualTo("rl:{0123456789abcdef}:minute:" + NOW.toEpochMilli() / 60_000);
        assertThat(minute.counter().limit()).isEqualTo(60);
        assertThat(minute.resetAt()).isEqualTo(Instant.parse("2025-12-19T10:01:00Z"));
        // The rest of the minute plus one second of grace for clock skew between instances.
        assertThat(minute.counter().ttlMillis()).isEqualTo(44_750 + 1_000);
    }

    @Test
    void aSendIsCheckedPerMinutePerDayAndPerRecipientInOnePlan() {
        ApiKey key = key(60);
        key.setDailyLimit(5000);

        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key, "+919876543210", 10, NOW);

        assertThat(plan).extracting(KeyRateLimits.PlannedLimit::kind)
                .containsExactly(LimitKind.PER_MINUTE, LimitKind.PER_DAY, LimitKind.PER_RECIPIENT);
        long minute = NOW.toEpochMilli() / 60_000;
        assertThat(plan.get(1).counter().redisKey()).isEqualTo("rl:{0123456789abcdef}:day:" + NOW.toEpochMilli()
                / 86_400_000);
        assertThat(plan.get(1).counter().limit()).isEqualTo(5000);
        assertThat(plan.get(1).resetAt()).isEqualTo(Instant.parse("2025-12-20T00:00:00Z"));
        assertThat(plan.get(2).counter().redisKey())
                .isEqualTo("rl:{0123456789abcdef}:rcpt:+919876543210:" + minute);
        assertThat(plan.get(2).counter().limit()).isEqualTo(10);
        assertThat(plan.get(2).resetAt()).isEqualTo(Instant.parse("2025-12-19T10:01:00Z"));
    }

    @Test
    void aRefusalByTheDailyLimitRetriesAfterMidnightUtc() {
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key(60), "+919876543210", 10, NOW);

        RateLimitDecision decision = KeyRateLimits.decide(plan,
                new CounterResults(1, List.of(4L, 5000L, 1L), List.of(1L, 1L, 1L)), NOW);

        assertThat(decision.refusedBy().kind()).isEqualTo(LimitKind.PER_DAY);
        assertThat(decision.retryAfterSeconds()).isEqualTo(Duration.between(NOW,
                Instant.parse("2025-12-20T00:00:00Z")).toSeconds() + 1);
        assertThat(decision.perMinute().remaining()).isEqualTo(56);
        // A 429 reports the day's window, the one that was hit.
        assertThat(decision.refusal()).isEqualTo(new RateWindow(5000, 0, Instant.parse("2025-12-20T00:00:00Z")));
    }

    @Test
    void anAllowedRequestReportsWhatIsLeftOfTheWindow() {
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key(60), NOW);

        RateLimitDecision decision = KeyRateLimits.decide(plan,
                new CounterResults(-1, List.of(1L), List.of(45_750L)), NOW);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.perMinute())
                .isEqualTo(new RateWindow(60, 59, Instant.parse("2025-12-19T10:01:00Z")));
    }

    @Test
    void aRefusedRequestSaysWhichLimitAndWhenToRetry() {
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key(3), NOW);

        RateLimitDecision decision = KeyRateLimits.decide(plan,
                new CounterResults(0, List.of(3L), List.of(45_750L)), NOW);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.refusedBy().kind()).isEqualTo(LimitKind.PER_MINUTE);
        assertThat(decision.retryAfterSeconds()).isEqualTo(45);
        assertThat(decision.perMinute().remaining()).isZero();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        Instant lastMillisecond = Instant.parse("2025-12-19T10:00:59.999Z");
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(key(1), lastMillisecond);

        RateLimitDecision decision = KeyRateLimits.decide(plan,
                new CounterResults(0, List.of(1L), List.of(1_001L)), lastMillisecond);

        assertThat(decision.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void theScriptReplyIsReadInCounterOrder() {
        CounterResults results = CounterResults.fromScriptReply(List.of(2L, 5L, 1000L, 7L, -2L), 2);

        assertThat(results.refusedIndex()).isEqualTo(1);
        assertThat(results.counts()).containsExactly(5L, 7L);
        assertThat(results.ttlsMillis()).containsExactly(1000L, -2L);
    }
}
