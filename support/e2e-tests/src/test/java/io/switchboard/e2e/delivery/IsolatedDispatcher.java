package io.switchboard.e2e.delivery;

import io.switchboard.local.IsolatedService;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * One dispatcher instance in its own class loader ({@link IsolatedService}), so that it and the simulator each see
 * only their own beans and {@code application.yml}. It keeps a handle on the instance's Micrometer registry, which
 * outlives the context: what an instance counted while it was being killed (possible duplicates) can still be read
 * after it is gone.
 */
final class IsolatedDispatcher implements AutoCloseable {

    private final IsolatedService service;
    private final Object meters;
    private final int port;

    private IsolatedDispatcher(IsolatedService service) {
        this.service = service;
        try {
            Object server = service.bean("io.micronaut.runtime.server.EmbeddedServer");
            this.port = (int) server.getClass().getMethod("getPort").invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the dispatcher has no HTTP port", e);
        }
        this.meters = service.bean("io.micrometer.core.instrument.MeterRegistry");
    }

    /** Starts the dispatcher built in {@code <repo>/dispatcher} with these properties over its own configuration. */
    static IsolatedDispatcher start(Path repositoryRoot, Map<String, Object> properties) {
        IsolatedService service = IsolatedService.fromModule("dispatcher", repositoryRoot.resolve("dispatcher"));
        service.start(properties);
        return new IsolatedDispatcher(service);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The sum of the counter {@code name} (Micrometer's dotted name) over every tag; readable after {@link #close}. */
    double counter(String name) {
        try {
            ClassLoader loader = service.classLoader();
            Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
            Class<?> searchType = loader.loadClass("io.micrometer.core.instrument.search.Search");
            Class<?> counterType = loader.loadClass("io.micrometer.core.instrument.Counter");
            Object search = registryType.getMethod("find", String.class).invoke(meters, name);
            double sum = 0;
            for (Object counter : (Collection<?>) searchType.getMethod("counters").invoke(search)) {
                sum += (double) counterType.getMethod("count").invoke(counter);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the application context (with whatever shutdown-timeout it was started with). */
    @Override
    public void close() {
        service.stop();
    }
}
