package io.switchboard.bench.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One application running as a child JVM: started from its argument file with its output (stdout and stderr)
 * appended to {@code <dir>/<name>.log}, stopped with SIGTERM (Micronaut's own shutdown hook closes the context
 * gracefully) and killed if it has not exited 15 s later.
 */
public final class ServiceProcess {

    private static final long STOP_SECONDS = 15;

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Writes {@code <dir>/<name>.args} (owner-only: it holds the run's credentials) and starts {@code java @args}. */
    public static ServiceProcess start(String name, List<String> jvmArguments, Path dir) throws IOException {
        Path args = dir.resolve(name + ".args");
        Files.deleteIfExists(args);
        try {
            Files.createFile(args, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(args);
        }
        Files.writeString(args, ServiceCommand.argumentFile(jvmArguments), StandardCharsets.UTF_8);
        Path log = dir.resolve(name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "@" + args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServiceProcess(name, process, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The exit code, or null while it runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Asks the JVM to stop (SIGTERM) without waiting. */
    public void requestStop() {
        process.destroy();
    }

    /** Stops it: SIGTERM, then SIGKILL if it has not exited within 15 s. */
    public void stop() {
        process.destroy();
        awaitExit(STOP_SECONDS);
    }

    /** Waits for the exit after {@link #requestStop}, killing the process after {@code seconds}. */
    public void awaitExit(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                System.err.println("[" + name + "] still running " + seconds + " s after SIGTERM: killing it");
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code bytes} of its log, to say why it did not start. */
    public String logTail(int bytes) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - bytes);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
