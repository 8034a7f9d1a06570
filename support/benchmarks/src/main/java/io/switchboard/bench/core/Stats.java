package io.switchboard.bench.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Outcomes and latencies of one measured step. Latencies go to an HdrHistogram {@link Recorder} (microseconds, 3
 * significant digits, up to an hour), which lets the progress line read the interval so far while request threads keep
 * recording; {@link #total()} is everything recorded since {@link #reset()}. Only successes are recorded as latencies;
 * errors are counted by their kind ("HTTP 503", "timeout", ...), so a fast refusal never flatters the percentiles.
 */
public final class Stats {

    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String name;
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final Histogram progress = new Histogram(MAX_MICROS, 3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private volatile long startNanos = System.nanoTime();

    public Stats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void success(long latencyNanos) {
        ok.increment();
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
    }

    /** Several units of work that succeeded together (a batch), with their common latency. */
    public void success(long latencyNanos, int units) {
        ok.add(units);
        recorder.recordValueWithCount(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)), units);
    }

    public void error(String kind) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void error(String kind, int units) {
        errors.add(units);
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).add(units);
    }

    /** Forgets everything: called when the warm-up ends. */
    public synchronized void reset() {
        recorder.reset();
        total.reset();
        progress.reset();
        ok.reset();
        errors.reset();
        errorKinds.clear();
        startNanos = System.nanoTime();
    }

    /** Moves what was recorded since the last call into the totals; returns the histogram of everything so far. */
    public synchronized Histogram total() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return total.copy();
    }

    public long ok() {
        return ok.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public Map<String, Long> errorKinds() {
        Map<String, Long> out = new TreeMap<>();
        errorKinds.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** A snapshot for the report, throughput taken over {@code seconds} (the measured window). */
    public Summary summary(double seconds) {
        return Summary.of(name, total(), ok(), errors(), errorKinds(), seconds);
    }

    /** For the live line: successes a second, errors, p50 and p99 in ms over the whole run so far. */
    public String progressLine() {
        Histogram h = total();
        double seconds = Math.max(1e-9, elapsedSeconds());
        return String.format("%s %,.0f/s ok=%,d err=%,d p50=%.1fms p99=%.1fms", name, ok() / seconds, ok(), errors(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }
}
