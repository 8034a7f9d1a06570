package io.switchboard.bench.scenario;

import io.switchboard.bench.core.Machine;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.system.SetupClient;
import io.switchboard.bench.system.Target;
import java.util.Map;

/**
 * Memory at the end of a run: each service's heap in use from its {@code /prometheus}
 * ({@code jvm_memory_used_bytes{area="heap"}}, summed over pools), and the resident set of the process. In an
 * in-process run all services share this JVM, so every service reports the same heap (the JVM's) and the RSS is the
 * whole platform's plus the load generator's; the report says so.
 */
public final class MemoryProbe {

    private final SetupClient http = new SetupClient();

    public void addTo(Report report, Target target) {
        for (Map.Entry<String, String> service : target.services().entrySet()) {
            try {
                SetupClient.Answer a = http.call("GET", service.getValue() + "/prometheus", null, null);
                double heap = a.status() == 200 ? heapBytes(a.body()) : Double.NaN;
                report.figure("heap used, " + service.getKey() + " (/prometheus)", heap / (1 << 20), "MB");
            } catch (Exception e) {
                report.figure("heap used, " + service.getKey() + (target.inProcess() ? " (not running in this scenario)"
                        : " (unreachable)"), Double.NaN, "MB");
            }
        }
        if (target.inProcess()) {
            long rss = Machine.residentBytes();
            report.figure("RSS of the JVM running every service and the load generator", rss / (double) (1 << 20), "MB");
            Runtime rt = Runtime.getRuntime();
            report.figure("heap used by that JVM (all services together)", (rt.totalMemory() - rt.freeMemory())
                    / (double) (1 << 20), "MB");
            report.note("Memory: in-process, all services share one JVM, so each service's jvm_memory_used_bytes is the"
                    + " same JVM-wide heap; per-service heap needs one process per service (the Compose or any"
                    + " deployment run).");
        }
    }

    /** Sums {@code jvm_memory_used_bytes{area="heap",...}} samples of a Prometheus text exposition. */
    static double heapBytes(String exposition) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                sum += Double.parseDouble(value);
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
