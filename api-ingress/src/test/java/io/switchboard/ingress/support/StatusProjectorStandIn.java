package io.switchboard.ingress.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the status-projector's internal query API (a JDK HttpServer; this module cannot start the real
 * projector): {@code GET /internal/messages/{id}} answers what a test put for the id (else 404
 * {@code MESSAGE_NOT_FOUND}), {@code GET /internal/wamids/{wamid}} our message id of a wamid a test put (else 404).
 */
public final class StatusProjectorStandIn implements AutoCloseable {

    private record Stored(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final Map<String, String> wamids = new ConcurrentHashMap<>();

    public StatusProjectorStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/messages/", exchange -> {
            Stored stored = messages.get(last(exchange));
            write(exchange, stored == null ? 404 : stored.status(),
                    stored == null ? "{\"code\":\"MESSAGE_NOT_FOUND\"}" : stored.body());
        });
        server.createContext("/internal/wamids/", exchange -> {
            String wamid = last(exchange);
            String id = wamids.get(wamid);
            write(exchange, id == null ? 404 : 200, id == null ? "{\"code\":\"MESSAGE_NOT_FOUND\"}"
                    : "{\"message_id\":\"" + id + "\",\"wamid\":\"" + wamid + "\"}");
        });
        server.start();
    }

    /** Config pointing an ingress at this stand-in. */
    public Map<String, Object> config() {
        return Map.of("switchboard.ingress.status-query-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The projector's answer for a message id: its status JSON (200), or e.g. 503 while it restores. */
    public void answer(String messageId, int status, String body) {
        messages.put(messageId, new Stored(status, body));
    }

    /** A wamid that is one of our messages. */
    public void knowWamid(String wamid, String messageId) {
        wamids.put(wamid, messageId);
    }

    private static String last(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
