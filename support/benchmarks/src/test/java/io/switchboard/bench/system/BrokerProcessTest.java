package io.switchboard.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker's own JVM: its command line, and the heap exposition the memory figures read from it. */
class BrokerProcessTest {

    @Test
    void theBrokersCommandLineCarriesHeapKafkasG1SettingsClasspathMainAndPortsInOrder() {
        List<String> args = ServiceCommand.brokerArguments("1g", Path.of("/run/tmp"), "/a/bench.jar",
                Path.of("/run/kafka"), 9092, 9093, 8081, 8099);

        assertThat(args).containsExactly("-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-Djava.io.tmpdir=/run/tmp", "-cp", "/a/bench.jar",
                "io.switchboard.bench.system.BrokerMain", "/run/kafka", "9092", "9093", "8081", "8099");
    }

    @Test
    void aMalformedBrokerHeapIsRefusedAndNoneKeepsTheBrokerInTheGenerator() {
        assertThatThrownBy(() -> new ServiceProcesses.Options("256m", List.of(), "lots"))
                .hasMessageContaining("256m or 1g");
        assertThat(new ServiceProcesses.Options("256m", List.of(), null).brokerHeap()).isNull();
    }

    @Test
    void aRelativeClasspathIsMadeAbsoluteForTheChild() {
        String classpath = ServiceCommand.absoluteClasspath("target/bench.jar" + File.pathSeparator + File.pathSeparator
                + "/abs/lib.jar");

        assertThat(classpath.split(File.pathSeparator)).containsExactly(
                Path.of("target/bench.jar").toAbsolutePath().toString(), "/abs/lib.jar");
    }

    @Test
    void theBrokersExpositionReadsAsAServicesHeap() {
        StringBuilder text = new StringBuilder();
        JvmMetricsText.pools(text, "G1 Eden Space", new MemoryUsage(0, 10 << 20, 20 << 20, -1));
        JvmMetricsText.pools(text, "G1 Old Gen", new MemoryUsage(0, 30 << 20, 40 << 20, 1 << 30));

        HeapMetrics heap = HeapMetrics.parse(text + "jvm_gc_pause_seconds_sum 1.250\n");

        assertThat(heap.usedBytes()).isEqualTo(40 << 20);
        assertThat(heap.committedBytes()).isEqualTo(60 << 20);
        assertThat(heap.maxBytes()).isEqualTo(1 << 30);
        assertThat(heap.oldGenUsedBytes()).isEqualTo(30 << 20);
        assertThat(heap.gcPauseSeconds()).isEqualTo(1.25);
    }

    @Test
    void thisJvmsExpositionHasHeapAndGcTime() {
        HeapMetrics heap = HeapMetrics.parse(JvmMetricsText.exposition());

        assertThat(heap.usedBytes()).isPositive();
        assertThat(heap.gcPauseSeconds()).isGreaterThanOrEqualTo(0);
    }
}
