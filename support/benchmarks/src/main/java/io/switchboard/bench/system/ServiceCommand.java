package io.switchboard.bench.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The command line of one application run as a child JVM ({@code --processes}): the same classpath the launcher's
 * {@code IsolatedService} builds (the module's {@code target/classes}, then {@code target/runtime-classpath.txt}), the
 * module's {@code Application} as main class, and every property the in-process run would give its context as a
 * {@code -D} system property (Micronaut reads them above application.yml, as it reads the builder's properties).
 * The arguments go to the JVM through an argument file ({@code java @file}), so the run's credentials do not show in
 * {@code ps}.
 */
public final class ServiceCommand {

    /** Application name to module directory (relative to the repository or snapshot root). */
    public static final Map<String, String> MODULE_DIRS = Map.of(
            "cloud-api-simulator", "support/cloud-api-simulator",
            "status-projector", "status-projector",
            "dispatcher", "dispatcher",
            "webhook-ingest", "webhook-ingest",
            "api-ingress", "api-ingress");

    /** Application name to its main class (each calls {@code Micronaut.run}). */
    public static final Map<String, String> MAIN_CLASSES = Map.of(
            "cloud-api-simulator", "io.switchboard.simulator.Application",
            "status-projector", "io.switchboard.projector.Application",
            "dispatcher", "io.switchboard.dispatcher.Application",
            "webhook-ingest", "io.switchboard.webhook.Application",
            "api-ingress", "io.switchboard.ingress.Application");

    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    private ServiceCommand() {
    }

    /**
     * The JVM's arguments (without the java executable): heap, the common pool's parallelism the in-process run has,
     * the temporary directory, {@code extraJvmArgs}, the properties sorted by key, classpath, main class.
     */
    public static List<String> jvmArguments(String name, String heap, List<String> extraJvmArgs, Path tmpDir,
                                            Map<String, ?> properties, String classpath) {
        String main = MAIN_CLASSES.get(name);
        if (main == null) {
            throw new IllegalArgumentException("No application " + name);
        }
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + checkHeap(heap));
        args.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=8");
        args.add("-Djava.io.tmpdir=" + tmpDir);
        args.addAll(extraJvmArgs);
        new TreeMap<String, Object>(properties).forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.add("-cp");
        args.add(classpath);
        args.add(main);
        return args;
    }

    /**
     * The broker's JVM ({@link BrokerMain}): {@code -Xmx<heap>} and Kafka's own start script's G1 settings
     * ({@code kafka-server-start.sh}: 20 ms pause goal, old-generation marking from 35 %), the temporary directory,
     * the generator's own classpath (which holds the launcher's broker and the registry), then the main's arguments.
     */
    public static List<String> brokerArguments(String heap, Path tmpDir, String classpath, Path logDir, int port,
                                               int controllerPort, int registryPort, int httpPort) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + checkHeap(heap));
        args.add("-XX:+UseG1GC");
        args.add("-XX:MaxGCPauseMillis=20");
        args.add("-XX:InitiatingHeapOccupancyPercent=35");
        args.add("-Djava.io.tmpdir=" + tmpDir);
        args.add("-cp");
        args.add(classpath);
        args.add(BrokerMain.class.getName());
        args.add(logDir.toString());
        args.add(Integer.toString(port));
        args.add(Integer.toString(controllerPort));
        args.add(Integer.toString(registryPort));
        args.add(Integer.toString(httpPort));
        return args;
    }

    /** A classpath with every entry made absolute (a child JVM may not share the working directory's meaning). */
    public static String absoluteClasspath(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.trim()).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A heap size as {@code -Xmx} takes it: digits and an optional k, m or g. */
    public static String checkHeap(String heap) {
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("Heap size must look like 256m or 1g, not " + heap);
        }
        return heap;
    }

    /** {@code <module>/target/classes} followed by the entries of {@code <module>/target/runtime-classpath.txt}. */
    public static String classpath(Path moduleDir) {
        Path classes = moduleDir.resolve("target/classes");
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(moduleDir + " is not built: " + classpathFile
                    + " is missing. Run ./mvnw -DskipTests install first.");
        }
        try {
            return joinClasspath(classes, Files.readString(classpathFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + classpathFile, e);
        }
    }

    static String joinClasspath(Path classes, String runtimeClasspath) {
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        for (String entry : runtimeClasspath.trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry.trim());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The arguments as a JVM argument file: one per line, each in double quotes with backslashes and quotes escaped
     * (the argument file's own quoting rules), so spaces, {@code #} and {@code =} in values survive.
     */
    public static String argumentFile(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("An argument cannot span lines: " + arg.split("[\r\n]")[0]);
            }
            out.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return out.toString();
    }
}
