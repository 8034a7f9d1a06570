package io.switchboard.ingress.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test peer standing in for the WhatsApp Cloud API (a JDK HttpServer, not the project's simulator, which may not be
 * installed): {@code GET /{version}/{waba-id}/message_templates} answers Meta's shape (data[] with name, language,
 * status, category, parameter_format, components; paging with a {@code next} link, two pages) with the simulator's
 * pre-filled templates, and {@code POST /{version}/{phone-number-id}/media} takes a multipart upload, keeps the raw
 * request and answers {@code {"id": "media-<n>"}}. Media added with {@link #addMedia} is served as Meta serves it:
 * {@code GET /{version}/{media-id}} answers {@code {url, mime_type, sha256, file_size, id}} (unknown id: 400, code
 * 100, as Meta), and the URL ({@code /_download/{media-id}}) answers the bytes to a request with the token.
 * The bearer token of every request is recorded.
 */
public final class CloudApiPeer implements AutoCloseable {

    public static final String TOKEN = "peer-token-123";

    /** The simulator's pre-filled templates, in Meta's list shape. */
    public static final List<String> TEMPLATES = List.of(
            template("order_confirmation", "en", "APPROVED", "UTILITY", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, your order {{2}} for {{3}} is confirmed.\","
                            + "\"example\":{\"body_text\":[[\"John\",\"ORD-1\",\"$10\"]]}}]"),
            template("order_confirmation", "en_US", "APPROVED", "UTILITY", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, your order {{2}} for {{3}} is confirmed.\"}]"),
            template("shipping_update", "en", "APPROVED", "UTILITY", "NAMED",
                    "[{\"type\":\"BODY\",\"text\":\"Hello {{customer_name}}, your parcel {{tracking_number}} is on "
                            + "its way.\"}]"),
            template("summer_sale", "en", "PENDING", "MARKETING", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"Summer sale: {{1}} off!\"}]"),
            template("account_alert", "en", "REJECTED", "UTILITY", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"Alert: {{1}}\"}]"),
            template("welcome_message", "en", "APPROVED", "MARKETING", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"Welcome to our store!\"},{\"type\":\"FOOTER\","
                            + "\"text\":\"Reply STOP to opt out\"}]"),
            template("otp_code", "en", "APPROVED", "AUTHENTICATION", "POSITIONAL",
                    "[{\"type\":\"BODY\",\"text\":\"{{1}} is your verification code.\"},{\"type\":\"BUTTONS\","
                            + "\"buttons\":[{\"type\":\"URL\",\"text\":\"Copy code\","
                            + "\"url\":\"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code={{1}}\"}]}]"),
            template("appointment_reminder", "en", "APPROVED", "UTILITY", "POSITIONAL",
                    "[{\"type\":\"HEADER\",\"format\":\"IMAGE\"},{\"type\":\"BODY\",\"text\":\"Hi {{1}}, see you on "
                            + "{{2}}.\"}]"));

    private final HttpServer server;
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<byte[]> uploads = new CopyOnWriteArrayList<>();
    private final List<String> uploadContentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger templateListCalls = new AtomicInteger();
    private volatile List<String> templates = TEMPLATES;
    /** Per WABA: its own list, or a Meta error status to answer (another WABA gets {@link #templates}). */
    private final Map<String, List<String>> wabaTemplates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> wabaFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int mediaStatus = 200;
    private volatile java.util.concurrent.CountDownLatch mediaGate = new java.util.concurrent.CountDownLatch(0);
    private final Map<String, StoredMedia> media = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile int lookupStatus = 200;
    private volatile int downloadStatus = 200;

    /** A media file the peer serves (as a customer's upload at WhatsApp). */
    private record StoredMedia(byte[] bytes, String mimeType) {
    }

    public CloudApiPeer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cloud-api-peer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static String template(String name, String language, String status, String category, String format,
                                   String components) {
        return "{\"name\":\"" + name + "\",\"language\":\"" + language + "\",\"status\":\"" + status
                + "\",\"category\":\"" + category + "\",\"parameter_format\":\"" + format + "\",\"id\":\""
                + Math.abs((name + language).hashCode()) + "\",\"components\":" + components + "}";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Config pointing an ingress at this peer. */
    public Map<String, Object> config() {
        return Map.of("switchboard.ingress.cloud-api.base-url", baseUrl(),
                "switchboard.ingress.cloud-api.access-token", TOKEN);
    }

    public void serveTemplates(List<String> entries) {
        this.templates = List.copyOf(entries);
    }

    /** The list of one WABA (empty: a WABA without templates); it stops failing. */
    public void serveTemplatesFor(String wabaId, List<String> entries) {
        wabaFailures.remove(wabaId);
        wabaTemplates.put(wabaId, List.copyOf(entries));
    }

    /** One WABA's list answers Meta's code 100 (unknown object) with this HTTP status. */
    public void failTemplatesFor(String wabaId, int status) {
        wabaFailures.put(wabaId, status);
    }

    public void answerMediaWith(int status) {
        this.mediaStatus = status;
    }

    /** Holds every media upload until the returned latch is counted down (to keep a request in flight). */
    public java.util.concurrent.CountDownLatch holdMedia() {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        mediaGate = gate;
        return gate;
    }

    public void addMedia(String id, byte[] bytes, String mimeType) {
        media.put(id, new StoredMedia(bytes, mimeType));
    }

    public void answerLookupWith(int status) {
        this.lookupStatus = status;
    }

    public void answerDownloadWith(int status) {
        this.downloadStatus = status;
    }

    /** How many media URLs were fetched. */
    public int downloads() {
        return downloads.get();
    }

    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public List<byte[]> uploads() {
        return List.copyOf(uploads);
    }

    public List<String> uploadContentTypes() {
        return List.copyOf(uploadContentTypes);
    }

    public int templateListCalls() {
        return templateListCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String path = exchange.getRequestURI().getPath();
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        if ("GET".equals(exchange.getRequestMethod()) && path.matches("/v[0-9.]+/[^/]+/message_templates")) {
            templateListCalls.incrementAndGet();
            String waba = path.split("/")[2];
            Integer failure = wabaFailures.get(waba);
            if (failure != null) {
                write(exchange, failure, "{\"error\":{\"message\":\"(#100) Unsupported get request. Object with ID '"
                        + waba + "' does not exist\",\"type\":\"GraphMethodException\",\"code\":100}}");
                return;
            }
            // Two pages: the first half, then the rest via paging.next, as Meta pages with cursors.
            List<String> all = wabaTemplates.getOrDefault(waba, templates);
            boolean second = query.contains("after=page2");
            int half = (all.size() + 1) / 2;
            List<String> page = second ? all.subList(half, all.size()) : all.subList(0, half);
            String paging = second ? "{\"cursors\":{\"before\":\"page2\",\"after\":\"end\"}}"
                    : "{\"cursors\":{\"before\":\"page1\",\"after\":\"page2\"},\"next\":\"" + baseUrl() + path
                            + "?limit=100&after=page2\"}";
            write(exchange, 200, "{\"data\":[" + String.join(",", page) + "],\"paging\":" + paging + "}");
        } else if ("POST".equals(exchange.getRequestMethod()) && path.matches("/v[0-9.]+/[^/]+/media")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            uploads.add(body);
            uploadContentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            try {
                mediaGate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (mediaStatus == 200) {
                write(exchange, 200, "{\"id\":\"media-" + uploads.size() + "\"}");
            } else {
                write(exchange, mediaStatus, "{\"error\":{\"message\":\"(#131053) Media upload error\","
                        + "\"type\":\"OAuthException\",\"code\":131053}}");
            }
        } else if ("GET".equals(exchange.getRequestMethod()) && path.matches("/v[0-9.]+/[^/]+")) {
            StoredMedia stored = media.get(path.substring(path.lastIndexOf('/') + 1));
            if (lookupStatus != 200) {
                write(exchange, lookupStatus, "{\"error\":{\"message\":\"Service temporarily unavailable\","
                        + "\"code\":2}}");
            } else if (stored == null) {
                write(exchange, 400, "{\"error\":{\"message\":\"Unsupported get request. Object with ID does not "
                        + "exist\",\"type\":\"GraphMethodException\",\"code\":100}}");
            } else {
                String id = path.substring(path.lastIndexOf('/') + 1);
                write(exchange, 200, "{\"url\":\"" + baseUrl() + "/_download/" + id + "\",\"mime_type\":\""
                        + stored.mimeType() + "\",\"sha256\":\"abc\",\"file_size\":" + stored.bytes().length
                        + ",\"id\":\"" + id + "\",\"messaging_product\":\"whatsapp\"}");
            }
        } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/_download/")) {
            downloads.incrementAndGet();
            StoredMedia stored = media.get(path.substring("/_download/".length()));
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (stored == null || !authorized || downloadStatus != 200) {
                write(exchange, !authorized ? 401 : stored == null ? 404 : downloadStatus, "{\"error\":\"no\"}");
            } else {
                exchange.getResponseHeaders().add("Content-Type", stored.mimeType());
                exchange.sendResponseHeaders(200, stored.bytes().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(stored.bytes());
                }
            }
        } else {
            write(exchange, 404, "{\"error\":{\"message\":\"Unknown path\",\"code\":100}}");
        }
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
        mediaGate.countDown();
        server.stop(0);
    }
}
