package io.switchboard.dispatcher.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs one signed event to a customer's URL (JDK HTTP client, asynchronous: no thread waits on a customer). Any 2xx
 * is delivered; anything else, a timeout or a transport error is a failed attempt. Signed at each attempt with that
 * attempt's time ({@code webhook-timestamp}), so receivers' tolerance windows hold for late retries; the body and
 * {@code webhook-id} never change.
 */
final class WebhookSender {

    /** What one attempt gave: HTTP status (null without an answer), latency, error text (null on success). */
    record Result(boolean delivered, Integer httpStatus, long latencyMs, String error) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    WebhookSender(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    CompletableFuture<Result> send(String url, String secret, String webhookId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("content-type", "application/json")
                    .header("user-agent", "Switchboard-Webhooks/1.0")
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.sign(secret, webhookId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Result(false, null, 0, "invalid request: " + e.getMessage()));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            long latency = (System.nanoTime() - started) / 1_000_000;
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                return new Result(false, null, latency, cause.getClass().getSimpleName()
                        + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            }
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new Result(ok, status, latency, ok ? null : "HTTP " + status);
        });
    }
}
