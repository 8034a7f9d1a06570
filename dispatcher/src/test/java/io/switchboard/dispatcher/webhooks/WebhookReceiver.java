package io.switchboard.dispatcher.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A customer's webhook receiver over real HTTP (JDK HttpServer on a random port). It records every request with its
 * headers (lower-cased) and answers with the status its behaviour gives for the n-th request; a status of 0 never
 * answers in time (the connection is held for 5 s).
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(Instant at, Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.get(name).get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator behaviour = n -> 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = behaviour.applyAsInt(count.incrementAndGet());
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            requests.add(new Received(Instant.now(), headers, new String(body, StandardCharsets.UTF_8), status));
            if (status == 0) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers the n-th request (1-based) with the given status. */
    WebhookReceiver behave(IntUnaryOperator statusOfRequest) {
        this.behaviour = statusOfRequest;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    /** Requests that were answered with a 2xx. */
    List<Received> delivered() {
        return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
