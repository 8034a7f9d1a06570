package io.switchboard.dispatcher.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Runs one dependency's health probe without blocking any thread and without waiting longer than the health timeout:
 * a probe that has not answered by then is DOWN, named as not answering. So {@code /health} answers within the
 * timeout however a dependency hangs (a stopped Redis, an unreachable broker).
 */
final class BoundedCheck {

    private BoundedCheck() {
    }

    static Publisher<HealthResult> run(String name, Duration timeout, Supplier<CompletableFuture<Map<String, Object>>> probe) {
        CompletableFuture<HealthResult> result;
        try {
            result = probe.get().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((details, failure) -> failure == null
                            ? HealthResult.builder(name, HealthStatus.UP).details(details).build()
                            : down(name, timeout, failure));
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(down(name, timeout, e));
        }
        return Publishers.fromCompletableFuture(result);
    }

    private static HealthResult down(String name, Duration timeout, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error", cause instanceof TimeoutException
                ? "no answer within " + timeout.toMillis() + " ms" : cause.toString());
        return HealthResult.builder(name, HealthStatus.DOWN).details(details).build();
    }
}
