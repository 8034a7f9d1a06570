package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in status-projector (a JDK HttpServer) answering the internal contract the ingress reads: the point query,
 * the batch lookup and the outbound search over the statuses it was given, exactly as the projector's README
 * documents them (newest first, the filters, {@code next}). It records every search's query string.
 */
final class StandInProjector implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> statuses = new ConcurrentHashMap<>();
    final List<Map<String, String>> searches = new CopyOnWriteArrayList<>();
    final List<String> searchedAccounts = new CopyOnWriteArrayList<>();
    volatile boolean unavailable;

    StandInProjector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/messages/", this::message);
        server.createContext("/internal/accounts/", this::search);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A projected status, as the projector's {@code GET /internal/messages/{id}} shows it. */
    static ObjectNode status(String id, String account, String status, String recipient, String reference,
                             Instant acceptedAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("message_id", id).put("status", status).put("account_id", account)
                .put("phone_number_id", "106540352242922").put("recipient", recipient).put("kind", "text")
                .put("reference", reference).put("api_key_id", "key-1").putNull("wamid")
                .put("accepted_at", acceptedAt.toString()).put("updated_at", acceptedAt.toString()).put("attempts", 0)
                .putNull("error");
        node.putArray("timeline").addObject().put("status", "queued").put("at", acceptedAt.toString())
                .put("source", "api").putNull("error").putNull("whatsapp_at");
        return node;
    }

    void put(ObjectNode status) {
        statuses.put(status.get("message_id").asText(), status);
    }

    private void message(HttpExchange exchange) throws IOException {
        if (unavailable) {
            write(exchange, 503, "{\"code\":\"STORE_NOT_READY\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/internal/messages/batch") && exchange.getRequestMethod().equals("POST")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode found = answer.putArray("messages");
            ArrayNode notFound = answer.putArray("not_found");
            answer.putArray("unavailable");
            body.get("message_ids").forEach(id -> {
                ObjectNode status = statuses.get(id.asText());
                if (status == null) {
                    notFound.add(id.asText());
                } else {
                    found.add(status);
                }
            });
            write(exchange, 200, answer.toString());
            return;
        }
        ObjectNode status = statuses.get(path.substring("/internal/messages/".length()));
        write(exchange, status == null ? 404 : 200, status == null ? "{\"code\":\"MESSAGE_NOT_FOUND\"}"
                : status.toString());
    }

    private void search(HttpExchange exchange) throws IOException {
        if (unavailable) {
            write(exchange, 503, "{\"code\":\"STORE_NOT_READY\"}");
            return;
        }
        String account = exchange.getRequestURI().getPath().split("/")[3];
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        searches.add(query);
        searchedAccounts.add(account);
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        List<String> states = query.containsKey("status")
                ? Arrays.asList(query.get("status").toLowerCase(Locale.ROOT).split(",")) : List.of();
        List<ObjectNode> matching = new ArrayList<>(statuses.values().stream()
                .filter(s -> s.get("account_id").asText().equals(account))
                .filter(s -> !query.containsKey("reference") || query.get("reference").equals(s.path("reference").asText()))
                .filter(s -> !query.containsKey("recipient") || query.get("recipient").equals(s.path("recipient").asText()))
                .filter(s -> states.isEmpty() || states.contains(s.get("status").asText()))
                .filter(s -> !query.containsKey("since_ms") || millis(s) >= Long.parseLong(query.get("since_ms")))
                .filter(s -> !query.containsKey("until_ms") || millis(s) < Long.parseLong(query.get("until_ms")))
                .filter(s -> !query.containsKey("after_ms") || after(s, Long.parseLong(query.get("after_ms")),
                        query.get("after_id")))
                .sorted(Comparator.comparingLong(StandInProjector::millis).reversed()
                        .thenComparing(s -> s.get("message_id").asText()))
                .toList());
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("messages");
        matching.stream().limit(limit).forEach(page::add);
        if (matching.size() > limit) {
            ObjectNode last = matching.get(limit - 1);
            answer.putObject("next").put("accepted_at_ms", millis(last)).put("message_id",
                    last.get("message_id").asText());
        } else {
            answer.putNull("next");
        }
        write(exchange, 200, answer.toString());
    }

    private static boolean after(ObjectNode status, long afterMillis, String afterId) {
        long at = millis(status);
        return at < afterMillis || at == afterMillis && status.get("message_id").asText().compareTo(afterId) > 0;
    }

    private static long millis(ObjectNode status) {
        return Instant.parse(status.get("accepted_at").asText()).toEpochMilli();
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
