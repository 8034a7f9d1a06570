package io.switchboard.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from Linux's {@code /proc/<pid>/status}: {@code VmRSS} (now) and {@code VmHWM} (the
 * highest resident set since the process started), in bytes, and its thread count (each thread's stack is resident
 * memory too). -1 where a field (or /proc) is missing, or the process is gone.
 *
 * @param rssBytes VmRSS in bytes
 * @param peakRssBytes VmHWM in bytes
 * @param threads Threads
 */
public record ProcStatus(long rssBytes, long peakRssBytes, long threads) {

    public static final ProcStatus UNKNOWN = new ProcStatus(-1, -1, -1);

    /** Reads {@code /proc/<pid>/status}; {@link #UNKNOWN} when it cannot. */
    public static ProcStatus read(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Parses the text of a {@code status} file (lines like {@code VmRSS:     123456 kB}). */
    public static ProcStatus parse(String status) {
        return new ProcStatus(field(status, "VmRSS:"), field(status, "VmHWM:"), field(status, "Threads:"));
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
