package io.switchboard.dispatcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * Reports the delivery pipeline on {@code GET /health} ({@code dispatcher}, next to the bounded {@code redis} and
 * {@code kafka} checks): UP while the consumer loop polls, DOWN when it stopped on an error or has not returned from
 * a poll for a minute, and DOWN while the last call to the shared pace in Redis failed (sending is paused then, never
 * unpaced). It stays UP, with details, for what a restart cannot fix: halted numbers ({@code halted}) and accounts
 * ({@code haltedAccounts}) with WhatsApp's code, and business numbers WhatsApp is failing right now
 * ({@code degraded}: phone number id, last code and title, since when), with the parked messages waiting.
 *
 * <p>Nothing here blocks: the halted numbers are read from Redis asynchronously, and when Redis does not answer
 * within half the health timeout the last list read is shown, with its time.
 */
@Singleton
@Requires(beans = DispatcherRunner.class)
public class DispatcherHealthIndicator implements HealthIndicator {

    private final DispatcherRunner runner;
    private final Duration haltsWait;
    private volatile List<Map<String, Object>> lastHalts = List.of();
    private volatile Instant lastHaltsAt;

    public DispatcherHealthIndicator(DispatcherRunner runner, DispatcherProperties properties) {
        this.runner = runner;
        this.haltsWait = properties.getHealthTimeout().dividedBy(2);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        CompletableFuture<HealthResult> result = halts().thenApply(this::result);
        return Publishers.fromCompletableFuture(result);
    }

    private CompletableFuture<Map<String, Object>> halts() {
        Map<String, Object> view = new LinkedHashMap<>();
        CompletableFuture<List<Map<String, Object>>> read;
        try {
            read = runner.halts().list().orTimeout(haltsWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        return read.handle((halts, failure) -> {
            if (failure == null) {
                lastHalts = halts;
                lastHaltsAt = Instant.now();
            } else {
                view.put("haltedAsOf", lastHaltsAt == null ? "unknown: Redis did not answer" : lastHaltsAt.toString());
            }
            if (!lastHalts.isEmpty()) {
                view.put("halted", lastHalts);
            }
            return view;
        });
    }

    private HealthResult result(Map<String, Object> haltDetails) {
        KeyOrderedDispatcher dispatcher = runner.dispatcher();
        NumberPacer pacer = runner.pacer();
        boolean paced = pacer == null || pacer.reachable();
        Map<String, Object> details = new LinkedHashMap<>();
        if (!paced) {
            details.put("pacing", "Redis unreachable, sending paused: " + pacer.lastFailure());
        }
        details.putAll(haltDetails);
        List<Map<String, Object>> accounts = runner.accountHalts().known();
        if (!accounts.isEmpty()) {
            details.put("haltedAccounts", accounts);
        }
        List<Map<String, Object>> failing = runner.failing().failing(Instant.now());
        if (!failing.isEmpty()) {
            details.put("degraded", failing);
        }
        if (runner.parked() != null) {
            details.put("parked", Map.of("in_memory", runner.parked().inMemory(), "waiting", runner.parked().known()));
        }
        if (dispatcher != null) {
            details.put("inFlight", dispatcher.inFlight());
            details.put("assignedPartitions", dispatcher.assignedPartitions());
            if (dispatcher.failure() != null) {
                details.put("error", dispatcher.failure().toString());
            }
        }
        HealthStatus status = runner.isAlive() && paced ? HealthStatus.UP : HealthStatus.DOWN;
        return HealthResult.builder("dispatcher", status).details(details).build();
    }
}
