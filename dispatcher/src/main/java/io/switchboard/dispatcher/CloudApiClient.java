package io.switchboard.dispatcher;

import io.switchboard.cloudapi.CloudApiRequestMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;

/**
 * Calls {@code POST {base-url}/{api-version}/{phoneNumberId}/messages} with the bearer token, asynchronously, and
 * turns whatever happens into a {@link CloudApiOutcome}. It never throws and never decides what to do next: that is
 * {@link SendOutcomeClassifier}'s job. The token only ever goes into the Authorization header.
 *
 * <p>The client runs on its own pool (threads {@code dispatcher-http-N}), and each answer is parsed there too. The
 * JDK's {@code sendAsync} still completes its future through the common fork-join pool whatever executor is given
 * (HttpClientImpl's {@code ASYNC_POOL} hop), which on 2 cores (parallelism 1) means a new thread per response; so
 * the only work left on that thread is handing the answer to this pool.
 *
 * <p>Requests take turns over {@code clients} JDK clients: over HTTP/1.1 every request in flight holds a connection,
 * and the JDK's connection pool keeps its idle connections in a list it searches linearly on every return and
 * take (with ~1,500 connections this was the hottest code of the dispatcher); each client's pool holds a share.
 */
public final class CloudApiClient implements AutoCloseable {

    private static final int MAX_ERROR_TEXT = 500;

    private final HttpClient[] clients;
    private final AtomicInteger next = new AtomicInteger();
    private final String messagesUrlPrefix;
    private final String authorization;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService executor;

    public CloudApiClient(CloudApiProperties properties) {
        properties.validate();
        AtomicInteger count = new AtomicInteger();
        // Cached, as the JDK's own default: a request never queues behind other requests' work (a fixed pool of
        // two made requests leave late and bunched, which breaks the pace at WhatsApp's end).
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.clients = new HttpClient[Math.max(1, properties.getClients())];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder()
                    .executor(executor)
                    .connectTimeout(properties.getConnectTimeout())
                    .version(properties.getHttpVersion())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        String base = properties.getBaseUrl().replaceAll("/+$", "");
        String version = properties.getApiVersion();
        this.messagesUrlPrefix = version == null || version.isBlank() ? base + "/" : base + "/" + version + "/";
        this.authorization = "Bearer " + properties.getAccessToken();
        this.requestTimeout = properties.getRequestTimeout();
    }

    /** Sends one message body (the JSON of {@link CloudApiRequestMapper}) from the given business number. */
    public CompletableFuture<CloudApiOutcome> send(String phoneNumberId, byte[] body) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(messagesUri(phoneNumberId))
                    .timeout(requestTimeout)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new CloudApiOutcome.TransportFailure(false, "invalid request URI: " + e.getMessage(), Duration.ZERO));
        }
        try {
            // Taking turns: each client's HTTP/1.1 pool holds only its share of the connections in use.
            HttpClient http = clients[Math.floorMod(next.getAndIncrement(), clients.length)];
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handleAsync((response, failure) -> {
                        Duration latency = Duration.ofNanos(System.nanoTime() - started);
                        return failure == null ? parse(response, latency) : transportFailure(failure, latency);
                    }, executor);
        } catch (RuntimeException e) {
            // sendAsync throws synchronously only before anything is written (e.g. the client is shut down).
            return CompletableFuture.completedFuture(new CloudApiOutcome.TransportFailure(false, e.toString(),
                    Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    URI messagesUri(String phoneNumberId) {
        return URI.create(messagesUrlPrefix + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8) + "/messages");
    }

    private CloudApiOutcome parse(HttpResponse<byte[]> response, Duration latency) {
        int status = response.statusCode();
        JsonNode body = readJson(response.body());
        if (status >= 200 && status < 300) {
            JsonNode message = body == null ? null : body.path("messages").path(0);
            return new CloudApiOutcome.Accepted(status, text(message, "id"), text(message, "message_status"), latency);
        }
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            return new CloudApiOutcome.Rejected(status, null, null, snippet(response.body()), null, null, latency);
        }
        Integer code = error.hasNonNull("code") && error.get("code").canConvertToInt() ? error.get("code").asInt() : null;
        String details = text(error.path("error_data"), "details");
        if (details == null) {
            details = text(error, "error_user_msg");
        }
        return new CloudApiOutcome.Rejected(status, code, text(error, "message"), details, text(error, "type"),
                text(error, "fbtrace_id"), latency);
    }

    private JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    static CloudApiOutcome transportFailure(Throwable failure, Duration latency) {
        Throwable root = failure;
        boolean provenUnsent = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // HttpConnectTimeoutException extends HttpTimeoutException: test it before any read timeout.
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                    || t instanceof SSLHandshakeException || isStreamLimit(t)) {
                provenUnsent = true;
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        String description = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new CloudApiOutcome.TransportFailure(!provenUnsent, description, latency);
    }

    /** JDK-8225647: over an HTTP/2 server's stream limit the JDK fails the request before opening its stream. */
    private static boolean isStreamLimit(Throwable t) {
        return t instanceof IOException && t.getMessage() != null
                && t.getMessage().contains("too many concurrent streams");
    }

    @Override
    public void close() {
        // java.net.http.HttpClient is AutoCloseable only from JDK 21; on 17 its threads end when it is unreachable.
        for (HttpClient http : clients) {
            if (http instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Closing is best effort at shutdown.
                }
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
