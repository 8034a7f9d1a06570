package io.switchboard.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications of a {@code --local --processes} run, each in a child JVM of its own so that its heap and resident
 * memory can be measured apart, and (when the options give it a heap: {@code --broker-process}) the broker with the
 * registry in a JVM of its own as well ({@link BrokerMain}), so the load generator's GC does not stall it; Redis is its own process. Each gets
 * the properties the in-process run gives its context, plus the benchmark's settings, as system properties; its argument
 * file and log live in the run's directory. Every child is stopped on {@link #close} and, should the generator be
 * interrupted (Ctrl-C), by a shutdown hook.
 */
public final class ServiceProcesses implements AutoCloseable {

    /**
     * How each child JVM runs: its maximum heap ({@code -Xmx}) and any other JVM arguments; the broker's JVM's heap
     * ({@code brokerHeap}), or null to keep the broker and the registry in the generator's JVM.
     */
    public record Options(String heap, List<String> jvmArguments, String brokerHeap) {
        public Options {
            ServiceCommand.checkHeap(heap);
            jvmArguments = List.copyOf(jvmArguments);
            if (brokerHeap != null) {
                ServiceCommand.checkHeap(brokerHeap);
            }
        }
    }

    /** Name of the broker's (and registry's) process in reports. */
    public static final String BROKER = "kafka";

    private final Path servicesRoot;
    private final Path dir;
    private final Options options;
    private final Map<String, String> benchProperties;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private ServiceProcess broker;
    private final Thread shutdownHook = new Thread(this::stopAll, "bench-stop-services");

    /**
     * @param servicesRoot where the modules' {@code target/classes} are (the working tree or the frozen snapshot)
     * @param benchProperties settings every service reads (the in-process run sets them as this JVM's properties)
     */
    public ServiceProcesses(Path servicesRoot, Options options, Map<String, String> benchProperties) {
        this.servicesRoot = servicesRoot;
        this.options = options;
        this.benchProperties = Map.copyOf(benchProperties);
        try {
            this.dir = Files.createTempDirectory("bench-services").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The directory of the children's logs (and argument files). */
    public Path directory() {
        return dir;
    }

    public Options options() {
        return options;
    }

    /** Starts {@code name} with these context properties (the launcher's) and returns at once; see {@link Readiness}. */
    public synchronized ServiceProcess start(String name, Map<String, Object> contextProperties) {
        if (running.containsKey(name)) {
            throw new IllegalStateException(name + " already runs");
        }
        Map<String, Object> properties = new LinkedHashMap<>(benchProperties);
        properties.putAll(contextProperties);
        // As the in-process run's context builder: no cloud environment deduction.
        properties.put("micronaut.env.deduction", false);
        String classpath = ServiceCommand.classpath(servicesRoot.resolve(ServiceCommand.MODULE_DIRS.get(name)));
        try {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            ServiceProcess process = ServiceProcess.start(name, ServiceCommand.jvmArguments(name, options.heap(),
                    options.jvmArguments(), tmp, properties, classpath), dir);
            running.put(name, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * Starts the broker and the registry in a JVM of their own ({@link BrokerMain}) from this JVM's classpath, and
     * returns at once; the caller waits for its {@code /health}. It is stopped last, after every application.
     */
    public synchronized ServiceProcess startBroker(Path logDir, int port, int controllerPort, int registryPort,
                                                   int httpPort) {
        if (broker != null) {
            throw new IllegalStateException("the broker already runs");
        }
        String classpath = ServiceCommand.absoluteClasspath(System.getProperty("java.class.path"));
        try {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            broker = ServiceProcess.start(BROKER, ServiceCommand.brokerArguments(options.brokerHeap(), tmp, classpath,
                    logDir, port, controllerPort, registryPort, httpPort), dir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the broker", e);
        }
    }

    /** Every child whose memory is reported: the broker's JVM (when it has one), then the running applications. */
    public synchronized List<ServiceProcess> measured() {
        List<ServiceProcess> all = new ArrayList<>();
        if (broker != null) {
            all.add(broker);
        }
        all.addAll(running.values());
        return all;
    }

    /** Stops {@code name} (graceful, then killed after 15 s); nothing if it does not run. */
    public void stop(String name) {
        ServiceProcess process;
        synchronized (this) {
            process = running.remove(name);
        }
        if (process != null) {
            process.stop();
        }
    }

    /** The running children, in start order. */
    public synchronized List<ServiceProcess> running() {
        return new ArrayList<>(running.values());
    }

    public synchronized ServiceProcess process(String name) {
        return running.get(name);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook is running or has run.
        }
    }

    /** SIGTERM to every child at once, then waits for each (killing the laggards): Ctrl-C must not leave JVMs. */
    private void stopAll() {
        List<ServiceProcess> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.forEach(ServiceProcess::requestStop);
        all.forEach(p -> p.awaitExit(15));
        // The broker last: the applications' graceful shutdown still commits offsets and flushes producers.
        ServiceProcess last;
        synchronized (this) {
            last = broker;
            broker = null;
        }
        if (last != null) {
            last.stop();
        }
    }
}
