package io.switchboard.ingress.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the status-projector's internal query API (a JDK HttpServer; this module cannot start the real
 * projector), answering from what a test put for each message id: {@code GET /internal/messages/{id}} that answer
 * (else 404 {@code MESSAGE_NOT_FOUND}), {@code POST /internal/messages/batch} the 200 ones as {@code messages}, the
 * unknown as {@code not_found} and the others as {@code unavailable}, {@code GET /internal/accounts/{id}/messages}
 * the account's 200 ones filtered by {@code reference}, {@code recipient} and {@code status}, newest first by
 * {@code accepted_at}, paged by {@code limit} and {@code after_ms}/{@code after_id} (503 while
 * {@link #searchUnavailable} is set), and {@code GET /internal/wamids/{wamid}} our message id of a wamid a test put.
 */
public final class StatusProjectorStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Stored(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final Map<String, String> wamids = new ConcurrentHashMap<>();
    private volatile boolean searchUnavailable;

    public StatusProjectorStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/messages/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/internal/messages/batch")) {
                batch(exchange);
                return;
            }
            Stored stored = messages.get(last(exchange));
            write(exchange, stored == null ? 404 : stored.status(),
                    stored == null ? "{\"code\":\"MESSAGE_NOT_FOUND\"}" : stored.body());
        });
        server.createContext("/internal/accounts/", this::search);
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

    /** Whether the outbound search answers 503, as while the projector restores. */
    public void searchUnavailable(boolean unavailable) {
        this.searchUnavailable = unavailable;
    }

    private void batch(HttpExchange exchange) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("messages");
        ArrayNode notFound = answer.putArray("not_found");
        ArrayNode unavailable = answer.putArray("unavailable");
        for (JsonNode id : JSON.readTree(exchange.getRequestBody()).path("message_ids")) {
            Stored stored = messages.get(id.asText());
            if (stored == null) {
                notFound.add(id.asText());
            } else if (stored.status() == 200) {
                found.add(JSON.readTree(stored.body()));
            } else {
                unavailable.add(id.asText());
            }
        }
        write(exchange, 200, answer.toString());
    }

    private void search(HttpExchange exchange) throws IOException {
        if (searchUnavailable) {
            write(exchange, 503, "{\"code\":\"STORE_NOT_READY\"}");
            return;
        }
        String account = exchange.getRequestURI().getPath().split("/")[3];
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<String> states = query.containsKey("status") ? Arrays.asList(query.get("status").split(",")) : List.of();
        long afterMillis = Long.parseLong(query.getOrDefault("after_ms", Long.toString(Long.MAX_VALUE)));
        String afterId = query.getOrDefault("after_id", "");
        List<JsonNode> matching = messages.values().stream().filter(stored -> stored.status() == 200)
                .map(stored -> tree(stored.body()))
                .filter(status -> status.path("account_id").asText().equals(account))
                .filter(status -> matches(query.get("reference"), status.path("reference")))
                .filter(status -> matches(query.get("recipient"), status.path("recipient")))
                .filter(status -> states.isEmpty() || states.contains(status.path("status").asText()))
                .filter(status -> millis(status) < afterMillis || millis(status) == afterMillis
                        && status.path("message_id").asText().compareTo(afterId) > 0)
                .sorted(Comparator.comparingLong(StatusProjectorStandIn::millis).reversed()
                        .thenComparing(status -> status.path("message_id").asText()))
                .toList();
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("messages");
        matching.stream().limit(limit).forEach(page::add);
        if (matching.size() > limit) {
            JsonNode last = matching.get(limit - 1);
            answer.putObject("next").put("accepted_at_ms", millis(last))
                    .put("message_id", last.path("message_id").asText());
        } else {
            answer.putNull("next");
        }
        write(exchange, 200, answer.toString());
    }

    private static boolean matches(String wanted, JsonNode value) {
        return wanted == null || wanted.equals(value.asText());
    }

    private static long millis(JsonNode status) {
        return Instant.parse(status.path("accepted_at").asText()).toEpochMilli();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
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
