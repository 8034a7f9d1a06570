package io.switchboard.ingress.admin;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Read-your-writes for the admin API: after Kafka acknowledged a change, the answer waits (without blocking any
 * thread) until this instance's own table has applied it, so the administrator's next request here already sees it:
 * a created key works, a deactivated or deleted key is refused. Other instances follow within their next poll.
 * Gives up after a bound and reports false: the change is durable either way, only not yet visible here.
 */
@Singleton
public class LocalTableWatcher implements AutoCloseable {

    static final Duration CHECK_EVERY = Duration.ofMillis(10);
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "admin-table-watcher");
        thread.setDaemon(true);
        return thread;
    });

    /** Completes with true once {@code applied} holds, or false after {@link #MAX_WAIT}. */
    public CompletableFuture<Boolean> until(BooleanSupplier applied) {
        if (applied.getAsBoolean()) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        ScheduledFuture<?> check = timer.scheduleWithFixedDelay(() -> {
            if (applied.getAsBoolean()) {
                result.complete(true);
            } else if (System.nanoTime() > deadline) {
                result.complete(false);
            }
        }, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((done, failure) -> check.cancel(false));
        return result;
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
