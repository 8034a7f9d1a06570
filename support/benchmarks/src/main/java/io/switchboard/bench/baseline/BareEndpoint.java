package io.switchboard.bench.baseline;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * Starts {@link BareController} in a Micronaut application of its own (this JVM's class path, random port), for the
 * ceiling of the HTTP stack measured in the same run as the service under test.
 */
public final class BareEndpoint implements AutoCloseable {

    private final EmbeddedServer server;

    private BareEndpoint(EmbeddedServer server) {
        this.server = server;
    }

    public static BareEndpoint start() {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "micronaut.application.name", "bench-bare-endpoint"));
        return new BareEndpoint(server);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
