package io.switchboard.bench.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.local.LocalKafkaBroker;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The broker's JVM of a {@code --local --processes} run: the launcher's {@link LocalKafkaBroker} and the embedded
 * schema registry, in a process of their own so that the load generator's allocation and GC do not stall the broker
 * every acks=all produce waits on. A small HTTP endpoint answers {@code /health} (200 once both are up) and
 * {@code /prometheus} (this JVM's heap and GC in Micrometer's names, {@link JvmMetricsText}), so the benchmark waits
 * for it and measures its memory as it does a service's. SIGTERM stops the registry, then the broker.
 *
 * <p>Arguments: {@code <log dir> <broker port> <controller port> <registry port> <http port>}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BrokerMain <log dir> <broker port> <controller port> <registry port> <http port>");
            System.exit(2);
        }
        LocalKafkaBroker broker = new LocalKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[4])), 0);
        CountDownLatch up = new CountDownLatch(1);
        http.createContext("/health", exchange -> answer(exchange, up.getCount() == 0 ? 200 : 503,
                up.getCount() == 0 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
        http.createContext("/prometheus", exchange -> answer(exchange, 200, JvmMetricsText.exposition()));
        http.start();
        broker.start();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                Integer.parseInt(args[3]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            try {
                registry.close();
            } catch (Exception e) {
                System.err.println("registry did not close: " + e);
            }
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        up.countDown();
        System.out.println("broker " + broker.bootstrapServers() + " and registry " + registry.url() + " up");
        stopped.await();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
