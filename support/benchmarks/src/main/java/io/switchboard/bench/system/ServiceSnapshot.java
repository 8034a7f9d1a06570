package io.switchboard.bench.system;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A frozen copy of the five applications for an in-process run, laid out as the launcher's {@code Platform} expects
 * ({@code <root>/<module>/target/classes} and {@code target/runtime-classpath.txt}). The classes come from the jars the
 * build installed in the local Maven repository, and every project jar the classpath names is copied next to them, so
 * a benchmark keeps running the same code while other people rebuild (or clean) the modules in the working tree.
 * {@code --services-from repo} skips the copy and runs the working tree's {@code target/classes} directly.
 */
public final class ServiceSnapshot {

    /** Module directory to artifact id, in the launcher's names. */
    public static final Map<String, String> MODULES = Map.of(
            "support/cloud-api-simulator", "cloud-api-simulator",
            "status-projector", "status-projector",
            "dispatcher", "dispatcher",
            "webhook-ingest", "webhook-ingest",
            "api-ingress", "api-ingress");

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Pattern PROJECT_JAR = Pattern.compile("([a-z0-9-]+)-" + Pattern.quote(VERSION) + "\\.jar");

    private ServiceSnapshot() {
    }

    /** Builds (or reuses) the snapshot under {@code snapshotRoot} from {@code repositoryRoot} and {@code m2}. */
    public static Path create(Path repositoryRoot, Path m2, Path snapshotRoot, boolean refresh) throws IOException {
        Path lib = snapshotRoot.resolve("lib");
        Files.createDirectories(lib);
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Path target = snapshotRoot.resolve(module.getKey()).resolve("target");
            if (!refresh && Files.isRegularFile(target.resolve("runtime-classpath.txt"))) {
                continue;
            }
            Path classes = target.resolve("classes");
            deleteTree(target);
            Files.createDirectories(classes);
            unzip(m2Jar(m2, module.getValue()), classes);
            String classpath = readWhenPresent(repositoryRoot.resolve(module.getKey()).resolve("target/runtime-classpath.txt"));
            List<String> frozen = new ArrayList<>();
            for (String entry : classpath.trim().split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Matcher project = PROJECT_JAR.matcher(Path.of(entry).getFileName().toString());
                if (project.matches()) {
                    Path copy = lib.resolve(project.group());
                    Files.copy(m2Jar(m2, project.group(1)), copy, StandardCopyOption.REPLACE_EXISTING);
                    frozen.add(copy.toString());
                } else {
                    frozen.add(entry);
                }
            }
            Files.writeString(target.resolve("runtime-classpath.txt"), String.join(File.pathSeparator, frozen));
        }
        return snapshotRoot;
    }

    /** Modification times of the installed jars the snapshot was made from, for the report. */
    public static String describe(Path m2) {
        StringBuilder out = new StringBuilder();
        for (String artifact : MODULES.values()) {
            Path jar = m2Jar(m2, artifact);
            try {
                out.append(out.isEmpty() ? "" : ", ").append(artifact).append(" ")
                        .append(Files.getLastModifiedTime(jar).toInstant().toString(), 0, 16).append("Z");
            } catch (IOException e) {
                out.append(out.isEmpty() ? "" : ", ").append(artifact).append(" missing");
            }
        }
        return out.toString();
    }

    static Path m2Jar(Path m2, String artifact) {
        return m2.resolve("io/switchboard").resolve(artifact).resolve(VERSION).resolve(artifact + "-" + VERSION + ".jar");
    }

    /** Another build may be cleaning the module right now: wait up to a minute for its classpath file. */
    private static String readWhenPresent(Path file) throws IOException {
        for (int i = 0; i < 60 && !Files.isRegularFile(file); i++) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void unzip(Path jar, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("bad entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
