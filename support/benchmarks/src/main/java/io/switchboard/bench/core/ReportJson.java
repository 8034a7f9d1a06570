package io.switchboard.bench.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The report as JSON, one file per run ({@code <out>/<scenario>-<UTC time>.json}), for tooling and for comparing runs.
 * Field names are snake_case; numbers are plain (NaN written as null).
 */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static ObjectNode toJson(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", report.scenario());
        root.put("command", report.command());
        root.put("started_at", DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.MILLIS)));
        ObjectNode machine = root.putObject("machine");
        report.machine().forEach(machine::put);
        steps(root.putArray("steps"), report.steps().stream().toList());
        steps(root.putArray("baselines"), report.baselines().stream().toList());
        ArrayNode ratios = root.putArray("ratios");
        for (Report.Ratio r : report.ratios()) {
            ObjectNode n = ratios.addObject().put("name", r.name()).put("unit", r.unit());
            number(n, "value", r.value());
            number(n, "baseline", r.baseline());
            number(n, "ratio", r.ratio());
        }
        ArrayNode targets = root.putArray("targets");
        for (Report.Target t : report.targets()) {
            ObjectNode n = targets.addObject().put("name", t.name()).put("unit", t.unit())
                    .put("comparison", t.higherIsBetter() ? ">=" : "<").put("met", t.met());
            number(n, "actual", t.actual());
            number(n, "target", t.target());
            number(n, "missed_by_fraction", t.missedBy());
        }
        ArrayNode figures = root.putArray("figures");
        for (Report.Figure f : report.figures()) {
            number(figures.addObject().put("name", f.name()).put("unit", f.unit()), "value", f.value());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    public static Path write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        String stamp = DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS))
                .replace(":", "");
        Path file = directory.resolve(report.scenario().replaceAll("[^a-zA-Z0-9_-]", "_") + "-" + stamp + ".json");
        Files.writeString(file, JSON.writeValueAsString(toJson(report)));
        return file;
    }

    private static void steps(ArrayNode array, java.util.List<Summary> steps) {
        for (Summary s : steps) {
            ObjectNode n = array.addObject().put("name", s.name()).put("ok", s.ok()).put("errors", s.errors());
            ObjectNode kinds = n.putObject("error_kinds");
            s.errorKinds().forEach(kinds::put);
            number(n, "seconds", s.seconds());
            number(n, "per_second", s.perSecond());
            ObjectNode latency = n.putObject("latency_ms");
            s.latencyMs().forEach((k, v) -> number(latency, k, v));
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 1000) / 1000.0);
        }
    }
}
