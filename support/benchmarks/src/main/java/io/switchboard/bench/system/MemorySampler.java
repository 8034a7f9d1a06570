package io.switchboard.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Memory of each child JVM of a {@code --processes} run, polled every second while a scenario runs: the heap from the
 * service's {@code /prometheus} ({@link HeapMetrics}) and the resident set from {@code /proc/<pid>/status}
 * ({@link ProcStatus}). A single reading at the end misses what a collection just freed, so the highest heap in use
 * seen by the polls is kept too. {@link #reset} starts a new scenario's window.
 */
public final class MemorySampler implements AutoCloseable {

    /** One service's memory over the window; bytes, seconds, NaN or -1 when unknown. */
    public record ServiceMemory(String name, long pid, boolean alive, int samples, HeapMetrics last,
                                double peakHeapUsedBytes, long peakRssSampledBytes, ProcStatus proc,
                                double gcPauseSecondsInWindow, double windowSeconds) {
    }

    private final ServiceProcesses processes;
    private final Map<String, String> baseUrls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public MemorySampler(ServiceProcesses processes, Map<String, String> baseUrls) {
        this.processes = processes;
        this.baseUrls = new java.util.concurrent.ConcurrentHashMap<>(baseUrls);
        poller.scheduleWithFixedDelay(this::sampleAll, 1, 1, TimeUnit.SECONDS);
    }

    /** Also scrapes {@code name}'s process at {@code baseUrl} (the broker's JVM). */
    public void addUrl(String name, String baseUrl) {
        baseUrls.put(name, baseUrl);
    }

    /** Forgets what was seen so far: the next figures cover from now on. */
    public synchronized void reset() {
        tracks.clear();
    }

    /** Takes one more reading of every running service now, and returns the window's figures. */
    public List<ServiceMemory> snapshot() {
        sampleAll();
        List<ServiceMemory> out = new ArrayList<>();
        synchronized (this) {
            for (Track t : tracks.values()) {
                out.add(t.figures());
            }
        }
        return out;
    }

    private void sampleAll() {
        for (ServiceProcess process : processes.measured()) {
            try {
                sample(process);
            } catch (RuntimeException e) {
                // A service stopping between the list and the reading: the next poll sees the new state.
            }
        }
    }

    private void sample(ServiceProcess process) {
        ProcStatus proc = ProcStatus.read(process.pid());
        HeapMetrics heap = scrape(baseUrls.get(process.name()));
        long now = System.nanoTime();
        synchronized (this) {
            Track track = tracks.get(process.name());
            if (track == null || track.pid != process.pid()) {
                track = new Track(process, now);
                tracks.put(process.name(), track);
            }
            track.add(heap, proc, now);
        }
    }

    private HeapMetrics scrape(String base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/prometheus"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return HeapMetrics.parse(response.body());
            }
        } catch (java.io.IOException e) {
            // not listening (starting or stopping): only /proc this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** Readings of one process (a restarted service is a new process and a new track). */
    private static final class Track {
        private final ServiceProcess process;
        private final long pid;
        private final long startNanos;
        private long lastNanos;
        private int samples;
        private HeapMetrics first;
        private HeapMetrics last;
        private double peakHeapUsed = Double.NaN;
        private long peakRss = -1;
        private ProcStatus proc = ProcStatus.UNKNOWN;

        Track(ServiceProcess process, long now) {
            this.process = process;
            this.pid = process.pid();
            this.startNanos = now;
        }

        void add(HeapMetrics heap, ProcStatus status, long now) {
            lastNanos = now;
            if (status.rssBytes() >= 0) {
                proc = status;
                peakRss = Math.max(peakRss, status.rssBytes());
            }
            if (heap != null) {
                samples++;
                first = first == null ? heap : first;
                last = heap;
                if (!Double.isNaN(heap.usedBytes())) {
                    peakHeapUsed = Double.isNaN(peakHeapUsed) ? heap.usedBytes() : Math.max(peakHeapUsed, heap.usedBytes());
                }
            }
        }

        ServiceMemory figures() {
            double gc = first == null ? Double.NaN : last.gcPauseSeconds() - first.gcPauseSeconds();
            HeapMetrics end = last != null ? last : HeapMetrics.UNKNOWN;
            return new ServiceMemory(process.name(), pid, process.isAlive(), samples, end, peakHeapUsed, peakRss, proc,
                    gc, (lastNanos - startNanos) / 1e9);
        }
    }
}
