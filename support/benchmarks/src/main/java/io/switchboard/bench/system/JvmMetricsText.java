package io.switchboard.bench.system;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

/**
 * This JVM's heap pools and GC time as a Prometheus text exposition in Micrometer's names
 * ({@code jvm_memory_used_bytes{area="heap",id=...}}, committed, max, {@code jvm_gc_pause_seconds_sum}), the subset
 * {@link HeapMetrics} reads: the broker's JVM has no Micrometer, and its memory is reported like a service's. GC time
 * is the collectors' accumulated time, concurrent collectors (whose time is not a pause) left out.
 */
public final class JvmMetricsText {

    private JvmMetricsText() {
    }

    /** The exposition of this JVM now. */
    public static String exposition() {
        StringBuilder out = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pools(out, pool.getName(), pool.getUsage());
            }
        }
        gc(out, ManagementFactory.getGarbageCollectorMXBeans());
        return out.toString();
    }

    static void pools(StringBuilder out, String pool, MemoryUsage usage) {
        String labels = "{area=\"heap\",id=\"" + pool.replace("\"", "'") + "\"} ";
        out.append("jvm_memory_used_bytes").append(labels).append(usage.getUsed()).append('\n');
        out.append("jvm_memory_committed_bytes").append(labels).append(usage.getCommitted()).append('\n');
        out.append("jvm_memory_max_bytes").append(labels).append(usage.getMax()).append('\n');
    }

    static void gc(StringBuilder out, List<GarbageCollectorMXBean> collectors) {
        long millis = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            if (!gc.getName().contains("Concurrent") && gc.getCollectionTime() > 0) {
                millis += gc.getCollectionTime();
            }
        }
        out.append("jvm_gc_pause_seconds_sum ").append(String.format(Locale.ROOT, "%.3f", millis / 1000.0))
                .append('\n');
    }
}
