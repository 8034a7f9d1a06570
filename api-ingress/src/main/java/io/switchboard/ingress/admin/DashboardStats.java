package io.switchboard.ingress.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.ingress.ratelimit.KeyRateLimits;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.schemas.avro.ApiKey;
import io.lettuce.core.RedisFuture;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The admin dashboard's figures: total keys, active keys (active and not expired), calls today (requests that passed
 * the send gate this UTC day, summed over every key's daily counter, so it agrees with the daily limits) and templates
 * configured (approved templates, the ones that can be sent), of all accounts or of one. The counters are read in
 * one pipelined batch.
 */
@Singleton
public class DashboardStats {

    private final ApiKeyStore keys;
    private final TemplateStore templates;
    private final RedisConnector redis;
    private final Clock clock;

    public DashboardStats(ApiKeyStore keys, TemplateStore templates, RedisConnector redis, Clock clock) {
        this.keys = keys;
        this.templates = templates;
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * The figures of every account, or of one ({@code accountId} not null); calls today is null when Redis cannot
     * answer (the rest is still useful).
     */
    public CompletableFuture<Figures> figures(@Nullable String accountId) {
        Instant now = clock.instant();
        List<ApiKey> all = keys.all().stream()
                .filter(k -> accountId == null || accountId.equals(k.getAccountId())).toList();
        long active = all.stream().filter(k -> k.getActive()
                && (k.getExpiresAt() == null || k.getExpiresAt().isAfter(now))).count();
        long approved = templates.all().stream().filter(t -> "APPROVED".equals(t.getStatus())
                && (accountId == null || accountId.equals(t.getAccountId()))).count();
        return callsToday(all, now)
                .thenApply(calls -> new Figures(all.size(), active, calls, approved))
                .exceptionally(e -> new Figures(all.size(), active, null, approved));
    }

    private CompletableFuture<Long> callsToday(List<ApiKey> all, Instant now) {
        if (all.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return redis.commands().thenCompose(commands -> {
            List<CompletableFuture<String>> counts = new ArrayList<>();
            for (ApiKey key : all) {
                RedisFuture<String> count = commands.get(KeyRateLimits.dailyCounterKey(key.getKeyId(), now));
                counts.add(count.toCompletableFuture());
            }
            return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenApply(done -> counts.stream()
                    .map(CompletableFuture::join).filter(v -> v != null).mapToLong(Long::parseLong).sum());
        });
    }

    /** What {@code GET /api/v1/admin/stats} answers. */
    @Serdeable
    public record Figures(@JsonProperty("total_keys") long totalKeys,
                          @JsonProperty("active_keys") long activeKeys,
                          @JsonProperty("calls_today") Long callsToday,
                          @JsonProperty("templates_configured") long templatesConfigured) {
    }
}
