package io.switchboard.bench.core;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live progress line: once a second, rate, errors and p50/p99 so far of every step being measured. On a terminal
 * the line is rewritten in place; when the output is a file or a pipe, one line every five seconds.
 */
public final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;
    private long ticks;

    public Progress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    public synchronized void start(List<Stats> stats, Supplier<String> extra) {
        stop();
        ticks = 0;
        long started = System.nanoTime();
        task = timer.scheduleAtFixedRate(() -> {
            ticks++;
            if (!terminal && ticks % 5 != 0) {
                return;
            }
            String line = String.format("[%3ds] %s %s", (System.nanoTime() - started) / 1_000_000_000L,
                    stats.stream().map(Stats::progressLine).collect(Collectors.joining(" | ")),
                    extra == null ? "" : extra.get());
            if (terminal) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }, 1, 1, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
            if (terminal) {
                out.println();
            }
        }
    }

    /** A message between steps. */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}
