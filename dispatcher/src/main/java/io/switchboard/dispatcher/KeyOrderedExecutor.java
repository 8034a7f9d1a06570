package io.switchboard.dispatcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks so that tasks with the same key run one after another, in submission order, and tasks with
 * different keys run concurrently. A task is a supplier of a future; the next task of its key starts only when that
 * future completes (normally or not), so a message waiting minutes for a retry holds back only its own conversation.
 *
 * <p>Only the tail of each key's chain is kept, and it is removed when it completes, so memory follows the number of
 * keys with work in flight, not the number of keys ever seen.
 */
public final class KeyOrderedExecutor {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Executor executor;

    public KeyOrderedExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Queues {@code task} behind the previous task of {@code key}; the result completes when the task's future does. */
    public CompletableFuture<Void> submit(String key, Supplier<CompletableFuture<Void>> task) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<?>[] previous = new CompletableFuture<?>[1];
        tails.compute(key, (k, tail) -> {
            previous[0] = tail;
            return mine;
        });
        CompletableFuture<?> ready = previous[0] == null
                ? CompletableFuture.completedFuture(null)
                : previous[0].handle((value, failure) -> null);
        ready.whenComplete((value, failure) -> {
            try {
                executor.execute(() -> run(task, mine));
            } catch (RejectedExecutionException e) {
                // Shutting down: the task never starts and its record stays unfinished.
                mine.completeExceptionally(e);
            }
        });
        mine.whenComplete((value, failure) -> tails.remove(key, mine));
        return mine;
    }

    private static void run(Supplier<CompletableFuture<Void>> task, CompletableFuture<Void> result) {
        try {
            task.get().whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Keys with a task queued or running. */
    public int activeKeys() {
        return tails.size();
    }
}
