package io.switchboard.bench.system;

/**
 * A service's heap as its Micrometer JVM metrics expose it on {@code /prometheus}, summed over the heap's memory pools
 * ({@code area="heap"}): used, committed, max (pools without a maximum report -1 and are left out), the old
 * generation's pool in use (what young collections promoted: close to what the service keeps), the old generation
 * after the last old-generation collection ({@code jvm_gc_live_data_size_bytes}; 0 until there has been one), and the total time spent in GC pauses since start ({@code jvm_gc_pause_seconds_sum}, every cause).
 * NaN for what the exposition lacks.
 */
public record HeapMetrics(double usedBytes, double committedBytes, double maxBytes, double oldGenUsedBytes,
                          double liveDataBytes, double gcPauseSeconds) {

    /** Nothing known. */
    public static final HeapMetrics UNKNOWN = new HeapMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    /** Parses a Prometheus text exposition. */
    public static HeapMetrics parse(String exposition) {
        double used = Double.NaN;
        double committed = Double.NaN;
        double max = Double.NaN;
        double old = Double.NaN;
        double live = Double.NaN;
        double pauses = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            boolean heap = line.contains("area=\"heap\"");
            if (heap && line.startsWith("jvm_memory_used_bytes{")) {
                used = add(used, value(line));
                if (line.contains("Old Gen\"") || line.contains("Tenured Gen\"")) {
                    old = add(old, value(line));
                }
            } else if (heap && line.startsWith("jvm_memory_committed_bytes{")) {
                committed = add(committed, value(line));
            } else if (heap && line.startsWith("jvm_memory_max_bytes{")) {
                double v = value(line);
                if (v >= 0) {
                    max = add(max, v);
                }
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_sum")) {
                pauses = add(pauses, value(line));
            }
        }
        return new HeapMetrics(used, committed, max, old, live, pauses);
    }

    /** The sample's value: the first field after the name and labels (a timestamp may follow). */
    static double value(String line) {
        int labelsEnd = line.lastIndexOf('}');
        String rest = line.substring(labelsEnd >= 0 ? labelsEnd + 1 : line.indexOf(' ')).trim();
        return Double.parseDouble(rest.split("\\s+")[0]);
    }

    private static double add(double sum, double value) {
        return Double.isNaN(sum) ? value : sum + value;
    }
}
