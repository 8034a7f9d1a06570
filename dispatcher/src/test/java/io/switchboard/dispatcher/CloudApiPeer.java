package io.switchboard.dispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small, real HTTP server that answers {@code POST /{version}/{phoneNumberId}/messages} the way the WhatsApp Cloud
 * API does: bearer token check (190), request validation (100), a {@code wamid.} id on success, Meta's error envelope
 * on failure, after a latency the test chooses. Replies are sent from a timer, so slow answers overlap and the peer
 * can tell how many requests were open at once. Behaviour is chosen per business number.
 */
final class CloudApiPeer implements AutoCloseable {

    /** One received request, in arrival order. */
    record Received(long sequence, String phoneNumberId, String messageId, String to, JsonNode body,
            long arrivedNanos) {
    }

    /** What to answer, and after how long. */
    record Reply(int status, String body, long delayMillis) {

        static Reply accepted(String wamid, String to, long delayMillis) {
            return new Reply(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to
                    + "\",\"wa_id\":\"" + to.replace("+", "") + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}",
                    delayMillis);
        }

        Reply after(long millis) {
            return new Reply(status, body, millis);
        }

        static Reply error(int status, int code, String title, String details) {
            return new Reply(status, "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":"
                    + "\"OAuthException\",\"code\":" + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\","
                    + "\"details\":\"" + details + "\"},\"fbtrace_id\":\"A" + UUID.randomUUID().toString()
                    .replace("-", "").substring(0, 20) + "\"}}", 0);
        }
    }

    /** Chooses the reply to a request; {@code attempt} counts requests for the same message id, from 1. */
    @FunctionalInterface
    interface Behaviour {
        Reply reply(Received request, int attempt);
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(2);
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> wamids = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private volatile Behaviour fallback = (request, attempt) -> Reply.accepted(newWamid(), request.to(), 0);

    CloudApiPeer(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests from {@code phoneNumberId} with {@code behaviour}. */
    void behave(String phoneNumberId, Behaviour behaviour) {
        behaviours.put(phoneNumberId, behaviour);
    }

    void fallback(Behaviour behaviour) {
        this.fallback = behaviour;
    }

    /** A fresh WhatsApp-looking message id; the peer remembers which message it accepted under which id. */
    static String newWamid() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedFrom(String phoneNumberId) {
        return received.stream().filter(r -> r.phoneNumberId().equals(phoneNumberId)).toList();
    }

    long requestsFor(String messageId) {
        return received.stream().filter(r -> messageId.equals(r.messageId())).count();
    }

    /** The wamid the peer returned when it accepted {@code messageId}. */
    String wamidOf(String messageId) {
        return wamids.get(messageId);
    }

    /** The most requests from {@code phoneNumberId} that arrived within any one second (a sliding window). */
    int maxPerSecond(String phoneNumberId) {
        long[] times = receivedFrom(phoneNumberId).stream().mapToLong(Received::arrivedNanos).sorted().toArray();
        int best = 0;
        for (int first = 0, last = 0; last < times.length; last++) {
            while (times[last] - times[first] >= 1_000_000_000L) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

    /** Requests from {@code phoneNumberId} that arrived in [fromNanos, fromNanos + 1 s). */
    long arrivalsInSecond(String phoneNumberId, long fromNanos) {
        return receivedFrom(phoneNumberId).stream()
                .filter(r -> r.arrivedNanos() >= fromNanos && r.arrivedNanos() < fromNanos + 1_000_000_000L).count();
    }

    int maxConcurrentRequests() {
        return maxOpen.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int nowOpen = open.incrementAndGet();
        maxOpen.accumulateAndGet(nowOpen, Math::max);
        Reply reply;
        try {
            reply = decide(exchange);
        } catch (RuntimeException | IOException e) {
            reply = Reply.error(500, 1, "An unknown error occurred", e.toString().replace("\"", "'"));
        }
        Reply answer = reply;
        if (answer.delayMillis() <= 0) {
            respond(exchange, answer);
        } else {
            replies.schedule(() -> respond(exchange, answer), answer.delayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Reply decide(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String[] path = exchange.getRequestURI().getPath().split("/");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod()) || path.length != 4 || !"messages".equals(path[3])) {
            return Reply.error(400, 100, "Invalid parameter", "Unsupported request " + exchange.getRequestURI());
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Reply.error(401, 190, "Access token has expired", "Invalid OAuth access token");
        }
        JsonNode body = json.readTree(raw);
        if (!"whatsapp".equals(body.path("messaging_product").asText()) || !body.hasNonNull("to")
                || !body.hasNonNull("type")) {
            return Reply.error(400, 100, "Invalid parameter", "messaging_product, to and type are required");
        }
        String messageId = body.path("biz_opaque_callback_data").asText(null);
        Received request = new Received(sequence.incrementAndGet(), path[2], messageId, body.get("to").asText(), body,
                arrived);
        received.add(request);
        int attempt = attempts.computeIfAbsent(String.valueOf(messageId), k -> new AtomicInteger()).incrementAndGet();
        Reply reply = behaviours.getOrDefault(request.phoneNumberId(), fallback).reply(request, attempt);
        if (reply.status() == 200 && messageId != null) {
            String wamid = json.readTree(reply.body()).path("messages").path(0).path("id").asText();
            wamids.put(messageId, wamid);
        }
        return reply;
    }

    private void respond(HttpExchange exchange, Reply reply) {
        try (exchange) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client gave up (timeout) and closed the connection: nothing to answer to.
        } finally {
            open.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        replies.shutdownNow();
        handlers.shutdownNow();
    }
}
