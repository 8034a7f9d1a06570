package io.switchboard.bench.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measured step came to: successes and errors, throughput over the measured time, and latency percentiles in
 * milliseconds. Immutable, so a report can be rendered and written as JSON long after the run.
 *
 * @param name the step ("ingress open 5000/s", "baseline bare endpoint", ...)
 * @param ok successful units
 * @param errors failed units
 * @param errorKinds failures by kind
 * @param seconds measured time
 * @param perSecond successful units a second
 * @param latencyMs percentile ("p50", "p90", "p99", "p99.9", "max", "mean") to milliseconds; empty when none recorded
 */
public record Summary(String name, long ok, long errors, Map<String, Long> errorKinds, double seconds,
                     double perSecond, Map<String, Double> latencyMs) {

    public static Summary of(String name, Histogram histogram, long ok, long errors, Map<String, Long> errorKinds,
                             double seconds) {
        Map<String, Double> latency = new LinkedHashMap<>();
        if (histogram != null && histogram.getTotalCount() > 0) {
            latency.put("p50", ms(histogram.getValueAtPercentile(50)));
            latency.put("p90", ms(histogram.getValueAtPercentile(90)));
            latency.put("p99", ms(histogram.getValueAtPercentile(99)));
            latency.put("p99.9", ms(histogram.getValueAtPercentile(99.9)));
            latency.put("max", ms(histogram.getMaxValue()));
            latency.put("mean", Math.round(histogram.getMean() / 10.0) / 100.0);
        }
        return new Summary(name, ok, errors, Map.copyOf(errorKinds), seconds, seconds > 0 ? ok / seconds : 0, latency);
    }

    /** A throughput-only step (no latencies), e.g. a consumer counting records. */
    public static Summary throughput(String name, long ok, double seconds) {
        return new Summary(name, ok, 0, Map.of(), seconds, seconds > 0 ? ok / seconds : 0, Map.of());
    }

    public double p(String percentile) {
        return latencyMs.getOrDefault(percentile, Double.NaN);
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
