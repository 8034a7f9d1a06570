package io.switchboard.simulator;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler behind every delay the simulator plays: response latency, the gaps between statuses, webhook
 * redelivery backoff. Its tasks only build small payloads and hand them to an asynchronous HTTP client, so two
 * threads carry load-test rates; cancelled tasks are removed at once so that a long backoff queue does not hold
 * memory; its daemon threads never keep a stopping JVM alive.
 */
@Factory
public class SimulatorScheduler {

    public static final String NAME = "simulator";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdownNow")
    public ScheduledExecutorService scheduler() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "simulator-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, threads);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
