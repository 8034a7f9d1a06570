package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A process stopped with SIGSTOP until closed (SIGCONT): it keeps its sockets open and answers nothing, the way a
 * hung server does, which is harder on a client than a server that is gone. Linux and macOS ({@code kill}).
 */
public final class ProcessPause implements AutoCloseable {

    private final long pid;
    private boolean resumed;

    private ProcessPause(long pid) {
        this.pid = pid;
    }

    /** Stops the process now; {@link #close()} lets it run again. */
    public static ProcessPause of(long pid) {
        signal(pid, "-STOP");
        return new ProcessPause(pid);
    }

    @Override
    public synchronized void close() {
        if (!resumed) {
            resumed = true;
            signal(pid, "-CONT");
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }
}
