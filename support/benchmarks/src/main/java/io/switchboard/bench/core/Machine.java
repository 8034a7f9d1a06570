package io.switchboard.bench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a figure was measured on, as the report states it: CPU model and count, memory, JDK, OS, and the load
 * average when the run started (a shared machine's other work shows there), plus this process's resident memory.
 */
public final class Machine {

    private Machine() {
    }

    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        out.put("memory", memTotal());
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.put("load average at start (1, 5, 15 min)", loadAverage());
        out.put("max heap of this JVM", (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        return out;
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Resident set size of this process in bytes (VmRSS), or -1 where /proc is not available. */
    public static long residentBytes() {
        return procStatus("VmRSS:");
    }

    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
