package io.switchboard.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint standing in for webhook-ingest: records every POST (raw bytes and signature header) and
 * answers 200, or 500 for the first N posts whose body contains a given marker.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One received POST. */
    record Received(byte[] body, String signature, String contentType, int answeredWith) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/whatsapp", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            int status = failuresLeft.entrySet().stream()
                    .anyMatch(e -> text.contains(e.getKey()) && e.getValue().getAndDecrement() > 0) ? 500 : 200;
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp";
    }

    /** The next {@code times} posts whose body contains {@code marker} are answered 500. */
    void failFirst(String marker, int times) {
        failuresLeft.put(marker, new AtomicInteger(times));
    }

    /** Every post whose body mentions {@code marker} (a wamid), in arrival order. */
    List<Received> receivedFor(String marker) {
        return received.stream().filter(r -> r.text().contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
