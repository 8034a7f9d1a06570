package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyOrderedExecutorTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final KeyOrderedExecutor executor = new KeyOrderedExecutor(threads);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void tasksOfOneKeyStartOnlyAfterThePreviousOneCompleted() {
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> firstWork = new CompletableFuture<>();

        CompletableFuture<Void> first = executor.submit("pn:+4915112345678", () -> {
            started.add("first");
            return firstWork;
        });
        CompletableFuture<Void> second = executor.submit("pn:+4915112345678", () -> {
            started.add("second");
            return CompletableFuture.completedFuture(null);
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("first"));
        assertThat(second).isNotDone();
        assertThat(started).containsExactly("first");

        firstWork.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(first).isCompleted();
        assertThat(started).containsExactly("first", "second");
    }

    @Test
    void aPendingKeyDoesNotHoldOtherKeysBack() {
        CompletableFuture<Void> stuck = new CompletableFuture<>();
        executor.submit("pn:+4915100000001", () -> stuck);

        CompletableFuture<Void> other = executor.submit("pn:+4915100000002",
                () -> CompletableFuture.completedFuture(null));

        await().atMost(Duration.ofSeconds(5)).until(other::isDone);
        assertThat(executor.activeKeys()).isEqualTo(1);
        stuck.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 0);
    }

    @Test
    void aFailedTaskPassesItsFailureOnAndTheNextTaskStillRuns() {
        CompletableFuture<Void> failed = executor.submit("k", () -> CompletableFuture.failedFuture(
                new IllegalStateException("boom")));
        CompletableFuture<Void> next = executor.submit("k", () -> CompletableFuture.completedFuture(null));

        await().atMost(Duration.ofSeconds(5)).until(() -> failed.isDone() && next.isDone());
        assertThat(failed).isCompletedExceptionally();
        assertThat(next).isCompleted();
    }
}
