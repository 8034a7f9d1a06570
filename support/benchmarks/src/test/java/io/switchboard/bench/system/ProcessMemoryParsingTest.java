package io.switchboard.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of /proc/<pid>/status and of the heap lines of a Prometheus exposition. */
class ProcessMemoryParsingTest {

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            VmPeak:\t 4012345 kB
            VmSize:\t 3912345 kB
            VmHWM:\t  412000 kB
            VmRSS:\t  398123 kB
            RssAnon:\t  350000 kB
            Threads:\t61
            """;

    private static final String EXPOSITION = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 4194304.0
            jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 6.7108864E7
            jvm_memory_committed_bytes{area="heap",id="G1 Eden Space"} 2.097152E7
            jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 1.048576E7
            jvm_memory_committed_bytes{area="heap",id="G1 Survivor Space"} 2097152.0
            jvm_memory_committed_bytes{area="nonheap",id="Metaspace"} 7.0E7
            jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
            jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 2.68435456E8
            jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1.0
            jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
            # TYPE jvm_gc_live_data_size_bytes gauge
            jvm_gc_live_data_size_bytes 3145728.0
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 12
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"} 0.5
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.04
            jvm_gc_concurrent_phase_time_seconds_sum{action="end of concurrent GC pause",cause="No GC",gc="G1 Concurrent GC"} 9.0
            """;

    @Test
    void residentSetAndItsPeakAreReadFromProcStatusInBytes() {
        ProcStatus status = ProcStatus.parse(STATUS);

        assertThat(status.rssBytes()).isEqualTo(398_123L * 1024);
        assertThat(status.peakRssBytes()).isEqualTo(412_000L * 1024);
        assertThat(status.threads()).isEqualTo(61);
    }

    @Test
    void missingProcFieldsAreMinusOne() {
        assertThat(ProcStatus.parse("Name:\tjava\n")).isEqualTo(new ProcStatus(-1, -1, -1));
    }

    @Test
    void procStatusOfThisProcessHasAResidentSet() {
        ProcStatus self = ProcStatus.read(ProcessHandle.current().pid());

        assertThat(self.rssBytes()).isPositive();
        assertThat(self.peakRssBytes()).isGreaterThanOrEqualTo(self.rssBytes());
    }

    @Test
    void heapFiguresSumTheHeapPoolsAndLeaveOutNonHeapAndUndefinedMaxima() {
        HeapMetrics heap = HeapMetrics.parse(EXPOSITION);

        assertThat(heap.usedBytes()).isEqualTo(10_485_760 + 4_194_304 + 2_097_152);
        assertThat(heap.committedBytes()).isEqualTo(20_971_520 + 10_485_760 + 2_097_152);
        assertThat(heap.maxBytes()).isEqualTo(268_435_456);
        assertThat(heap.oldGenUsedBytes()).isEqualTo(4_194_304);
        assertThat(heap.liveDataBytes()).isEqualTo(3_145_728);
    }

    @Test
    void gcPauseTimeSumsEveryPauseButNotConcurrentPhases() {
        assertThat(HeapMetrics.parse(EXPOSITION).gcPauseSeconds()).isEqualTo(0.75);
    }

    @Test
    void theOlderExpositionWithATrailingCommaAndATimestampParses() {
        HeapMetrics heap = HeapMetrics.parse(
                "jvm_memory_used_bytes{area=\"heap\",id=\"PS Eden Space\",} 1024.0 1700000000000\n");

        assertThat(heap.usedBytes()).isEqualTo(1024);
    }

    @Test
    void anExpositionWithoutJvmMetricsGivesNaN() {
        HeapMetrics heap = HeapMetrics.parse("up 1\n");

        assertThat(heap.usedBytes()).isNaN();
        assertThat(heap.maxBytes()).isNaN();
        assertThat(heap.gcPauseSeconds()).isNaN();
    }
}
