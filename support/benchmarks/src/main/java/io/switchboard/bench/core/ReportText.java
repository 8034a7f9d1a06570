package io.switchboard.bench.core;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The final report as text (Markdown tables, so it can be pasted into docs/BENCHMARKS.md as it is): steps, baselines,
 * ratios, targets with "met" or "missed by N%", figures and notes.
 */
public final class ReportText {

    private ReportText() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(report.scenario()).append("\n\n");
        out.append("- command: `").append(report.command()).append("`\n");
        out.append("- date: ").append(DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS)))
                .append("\n");
        report.machine().forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append("\n"));
        out.append("\n");
        table(out, "Measured", report.steps());
        table(out, "Baselines (same run)", report.baselines());
        if (!report.ratios().isEmpty()) {
            out.append("| figure | value | ceiling | ratio |\n|---|---:|---:|---:|\n");
            for (Report.Ratio r : report.ratios()) {
                out.append(String.format(Locale.ROOT, "| %s | %s %s | %s %s | %.2f |%n", r.name(), num(r.value()),
                        r.unit(), num(r.baseline()), r.unit(), r.ratio()));
            }
            out.append("\n");
        }
        if (!report.targets().isEmpty()) {
            out.append("| target | actual | goal | verdict |\n|---|---:|---:|---|\n");
            for (Report.Target t : report.targets()) {
                out.append(String.format(Locale.ROOT, "| %s | %s %s | %s %s %s | %s |%n", t.name(), num(t.actual()),
                        t.unit(), t.higherIsBetter() ? "≥" : "<", num(t.target()), t.unit(), verdict(t)));
            }
            out.append("\n");
        }
        if (!report.figures().isEmpty()) {
            out.append("| figure | value |\n|---|---:|\n");
            for (Report.Figure f : report.figures()) {
                out.append("| ").append(f.name()).append(" | ").append(num(f.value())).append(" ").append(f.unit())
                        .append(" |\n");
            }
            out.append("\n");
        }
        for (String note : report.notes()) {
            out.append("- ").append(note).append("\n");
        }
        return out.toString();
    }

    static String verdict(Report.Target target) {
        if (target.met()) {
            return "met";
        }
        return String.format(Locale.ROOT, "missed by %.0f%%", target.missedBy() * 100);
    }

    private static void table(StringBuilder out, String title, List<Summary> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("**").append(title).append("**\n\n");
        out.append("| step | ok | errors | per second | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s | %s |%n", s.name(), s.ok(),
                    errors(s), num(s.perSecond()), num(s.p("p50")), num(s.p("p90")), num(s.p("p99")),
                    num(s.p("p99.9")), num(s.p("max"))));
        }
        out.append("\n");
    }

    private static String errors(Summary s) {
        if (s.errors() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%,d %s", s.errors(), s.errorKinds());
    }

    /** Numbers as people read them: thousands separated, two decimals below 10, none above 1,000. */
    static String num(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
