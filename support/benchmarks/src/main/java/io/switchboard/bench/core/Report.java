package io.switchboard.bench.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one scenario run: every measured step, the same run's baselines and the ratio of each figure to its
 * ceiling, the targets (met, or missed by how much), extra figures, memory, notes, and where and when it ran. Rendered
 * as text by {@link ReportText} and written as JSON by {@link ReportJson}.
 */
public final class Report {

    /** A figure put next to the ceiling measured in the same run. */
    public record Ratio(String name, double value, double baseline, String unit, double ratio) {
    }

    /**
     * A target of the issue: {@code actual} against {@code target}; {@code higherIsBetter} for throughputs.
     * {@code missedBy} is the shortfall as a fraction of the target (0 when met).
     */
    public record Target(String name, double actual, double target, String unit, boolean higherIsBetter,
                         boolean met, double missedBy) {
    }

    /** Any other figure (per-number pacing, heap of a service, ...). */
    public record Figure(String name, double value, String unit) {
    }

    private final String scenario;
    private final String command;
    private final Instant startedAt = Instant.now();
    private final Map<String, String> machine;
    private final List<Summary> steps = new ArrayList<>();
    private final List<Summary> baselines = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String scenario, String command, Map<String, String> machine) {
        this.scenario = scenario;
        this.command = command;
        this.machine = new LinkedHashMap<>(machine);
    }

    public synchronized Report step(Summary summary) {
        steps.add(summary);
        return this;
    }

    public synchronized Report baseline(Summary summary) {
        baselines.add(summary);
        return this;
    }

    public synchronized Report ratio(String name, double value, double baseline, String unit) {
        ratios.add(new Ratio(name, value, baseline, unit, baseline > 0 ? value / baseline : Double.NaN));
        return this;
    }

    /** A throughput-like target: at least {@code target}. */
    public synchronized Report atLeast(String name, double actual, double target, String unit) {
        boolean met = actual >= target;
        targets.add(new Target(name, actual, target, unit, true, met, met ? 0 : (target - actual) / target));
        return this;
    }

    /** A latency-like target: below {@code target}. */
    public synchronized Report below(String name, double actual, double target, String unit) {
        boolean met = actual < target;
        targets.add(new Target(name, actual, target, unit, false, met, met ? 0 : (actual - target) / target));
        return this;
    }

    public synchronized Report figure(String name, double value, String unit) {
        figures.add(new Figure(name, value, unit));
        return this;
    }

    public synchronized Report note(String note) {
        notes.add(note);
        return this;
    }

    public String scenario() {
        return scenario;
    }

    public String command() {
        return command;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Map<String, String> machine() {
        return machine;
    }

    public synchronized List<Summary> steps() {
        return List.copyOf(steps);
    }

    public synchronized List<Summary> baselines() {
        return List.copyOf(baselines);
    }

    public synchronized List<Ratio> ratios() {
        return List.copyOf(ratios);
    }

    public synchronized List<Target> targets() {
        return List.copyOf(targets);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
