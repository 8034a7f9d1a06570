package io.switchboard.bench.scenario;

import io.switchboard.bench.core.Machine;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.system.HeapMetrics;
import io.switchboard.bench.system.MemorySampler;
import io.switchboard.bench.system.ServiceProcesses;
import io.switchboard.bench.system.SetupClient;
import io.switchboard.bench.system.Target;
import java.util.List;
import java.util.Map;

/**
 * Memory at the end of a run. With one process per service ({@code --processes}) every figure is that service's own:
 * heap used at the end and the highest seen by polling every second, committed and max, the old generation after the
 * last collection, the GC pause time of the window, and the process's resident set (VmRSS) and peak (VmHWM); the
 * issue's 256 MB target is stated on the peak heap. Against a deployment, each service's heap in use from its
 * {@code /prometheus}. In-process all services share this JVM, so every service reports the same heap (the JVM's)
 * and the RSS is the whole platform's plus the load generator's; the report says so.
 */
public final class MemoryProbe {

    static final double HEAP_TARGET_MB = 256;
    private static final double MB = 1 << 20;

    private final SetupClient http = new SetupClient();

    /**
     * @param sampler the per-process sampler of a {@code --processes} run, else null
     * @param serviceHeap the children's {@code -Xmx}, for the report; null unless {@code --processes}
     */
    public void addTo(Report report, Target target, MemorySampler sampler, String serviceHeap) {
        if (sampler != null) {
            addPerProcess(report, sampler.snapshot(), serviceHeap);
            return;
        }
        for (Map.Entry<String, String> service : target.services().entrySet()) {
            try {
                SetupClient.Answer a = http.call("GET", service.getValue() + "/prometheus", null, null);
                double heap = a.status() == 200 ? HeapMetrics.parse(a.body()).usedBytes() : Double.NaN;
                report.figure("heap used, " + service.getKey() + " (/prometheus)", heap / MB, "MB");
            } catch (Exception e) {
                report.figure("heap used, " + service.getKey() + (target.inProcess() ? " (not running in this scenario)"
                        : " (unreachable)"), Double.NaN, "MB");
            }
        }
        if (target.inProcess()) {
            long rss = Machine.residentBytes();
            report.figure("RSS of the JVM running every service and the load generator", rss / MB, "MB");
            Runtime rt = Runtime.getRuntime();
            report.figure("heap used by that JVM (all services together)", (rt.totalMemory() - rt.freeMemory()) / MB,
                    "MB");
            report.note("Memory: in-process, all services share one JVM, so each service's jvm_memory_used_bytes is the"
                    + " same JVM-wide heap; per-service heap needs one process per service (--processes, or any"
                    + " deployment).");
        }
    }

    private static void addPerProcess(Report report, List<MemorySampler.ServiceMemory> services, String serviceHeap) {
        for (MemorySampler.ServiceMemory m : services) {
            String s = m.name() + ": ";
            HeapMetrics end = m.last();
            report.figure(s + "heap used, peak of the 1 s polls", m.peakHeapUsedBytes() / MB, "MB");
            report.figure(s + "heap used at end", end.usedBytes() / MB, "MB");
            report.figure(s + "heap committed at end", end.committedBytes() / MB, "MB");
            report.figure(s + "heap max", end.maxBytes() / MB, "MB");
            report.figure(s + "old generation in use at end", end.oldGenUsedBytes() / MB, "MB");
            if (end.liveDataBytes() > 0) {
                report.figure(s + "old generation after the last old-generation GC", end.liveDataBytes() / MB, "MB");
            }
            report.figure(s + "GC pauses during the scenario", m.gcPauseSecondsInWindow(), "s");
            report.figure(s + "GC pause share of the scenario", gcShare(m), "%");
            report.figure(s + "RSS at end (VmRSS)", bytes(m.proc().rssBytes()), "MB");
            report.figure(s + "peak RSS since the process started (VmHWM)", bytes(m.proc().peakRssBytes()), "MB");
            report.figure(s + "threads at end", m.proc().threads() < 0 ? Double.NaN : m.proc().threads(), "");
            if (!Double.isNaN(m.peakHeapUsedBytes()) && !ServiceProcesses.BROKER.equals(m.name())) {
                report.below("heap of " + m.name() + " (peak used, -Xmx" + serviceHeap + ")",
                        m.peakHeapUsedBytes() / MB, HEAP_TARGET_MB, "MB");
            }
            if (!m.alive()) {
                report.note(m.name() + " (pid " + m.pid() + ") EXITED during the scenario: see its log.");
            }
        }
        Runtime rt = Runtime.getRuntime();
        boolean brokerApart = services.stream().anyMatch(m -> ServiceProcesses.BROKER.equals(m.name()));
        report.figure(brokerApart ? "generator JVM (load generator, baselines): RSS"
                : "generator JVM (broker, registry, load generator): RSS", Machine.residentBytes() / MB, "MB");
        report.figure("generator JVM: heap used", (rt.totalMemory() - rt.freeMemory()) / MB, "MB");
        report.note("Memory: one JVM per service (-Xmx" + serviceHeap + "), figures of each service's own process:"
                + " heap from its /prometheus polled every second during the scenario (peak) and at the end, RSS from"
                + " /proc/<pid>/status. With -Xmx at the target the peak cannot exceed it: whether the service fits is"
                + " shown by its throughput and latency above, the old generation in use and the GC pause share."
                + (brokerApart ? " \"" + ServiceProcesses.BROKER + "\" is the broker's and the registry's own JVM (heap"
                + " from its MXBeans, GC time of the stop-the-world collectors); the 256 MB target is not stated on it."
                : ""));
    }

    /** GC pause time as a percentage of the window it was measured over. */
    static double gcShare(MemorySampler.ServiceMemory m) {
        return m.windowSeconds() > 0 ? 100 * m.gcPauseSecondsInWindow() / m.windowSeconds() : Double.NaN;
    }

    private static double bytes(long value) {
        return value < 0 ? Double.NaN : value / MB;
    }

    /** Sums {@code jvm_memory_used_bytes{area="heap",...}} samples of a Prometheus text exposition. */
    static double heapBytes(String exposition) {
        return HeapMetrics.parse(exposition).usedBytes();
    }
}
