package io.switchboard.simulator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs and posts webhook bodies to {@code simulator.webhook-url} the way Meta does: {@code X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256(app secret, exact bytes posted)>}, JSON content type, and only an HTTP 200 counts as
 * received. A failed post (any other status, a timeout, a refused connection) is redelivered with exponential
 * backoff ({@code webhook-retry-delay}, doubled each time) up to {@code webhook-max-attempts} attempts in all, with
 * the very same bytes and signature, then dropped with a log line. At most {@code webhook-max-concurrency} posts are
 * in flight: each runs on one of that many delivery threads over the client's kept-alive connections (so at most that
 * many), and the others wait their turn in order in an unbounded queue ({@code simulator.webhooks.queued}), so a slow
 * receiver never turns into thousands of connections and threads. Posts are blocking calls on those threads, never
 * the JDK client's {@code sendAsync}, which completes every response through {@code CompletableFuture}'s default
 * executor: a new thread per response on a 2-core machine. Nothing here ever throws to a caller or blocks the
 * caller's thread; waits between attempts are scheduled.
 */
@Singleton
public class WebhookDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    @Nullable
    private final URI target;
    private final String appSecret;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final ExecutorService httpThreads;
    private final ThreadPoolExecutor deliveryThreads;
    private final HttpClient http;

    public WebhookDeliverer(SimulatorConfig config,
                            @Named(SimulatorScheduler.NAME) ScheduledExecutorService scheduler,
                            MeterRegistry meters) {
        String url = config.getWebhookUrl();
        this.target = url == null || url.isBlank() ? null : URI.create(url.trim());
        this.appSecret = config.getAppSecret();
        this.maxAttempts = Math.max(1, config.getWebhookMaxAttempts());
        this.retryDelay = config.getWebhookRetryDelay();
        this.timeout = config.getWebhookTimeout();
        this.scheduler = scheduler;
        this.meters = meters;
        AtomicInteger count = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(2, daemon("simulator-webhook-io-", count));
        int concurrency = Math.max(1, config.getWebhookMaxConcurrency());
        this.deliveryThreads = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("simulator-webhook-", count));
        this.deliveryThreads.allowCoreThreadTimeOut(true);
        meters.gauge("simulator.webhooks.queued", deliveryThreads.getQueue(), java.util.Collection::size);
        // HTTP/1.1 because the JDK client would otherwise try an h2c upgrade on every new plain-HTTP connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(httpThreads).build();
    }

    private static ThreadFactory daemon(String prefix, AtomicInteger count) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void close() {
        deliveryThreads.shutdownNow();
        httpThreads.shutdownNow();
    }

    /** Whether a webhook URL is configured at all. */
    public boolean enabled() {
        return target != null;
    }

    /**
     * Posts {@code body} now. The future completes after this first attempt, with whether it was received;
     * redeliveries of a failed post go on in the background. {@code what} names the webhook in logs and must not
     * hold an unmasked phone number.
     */
    public CompletableFuture<Boolean> deliver(byte[] body, String what) {
        return deliverReporting(body, what).thenApply(outcome -> outcome == Outcome.DELIVERED);
    }

    /** What became of a webhook's first attempt. */
    public enum Outcome {
        /** The receiver answered 200. */
        DELIVERED,
        /** The first attempt failed; redeliveries go on in the background. */
        REDELIVERING,
        /** The first attempt failed and no redelivery is left ({@code webhook-max-attempts} is 1), or no URL is set. */
        DROPPED
    }

    /** As {@link #deliver}, but the future says whether a failed first attempt will be redelivered. */
    public CompletableFuture<Outcome> deliverReporting(byte[] body, String what) {
        if (target == null) {
            return CompletableFuture.completedFuture(Outcome.DROPPED);
        }
        return attempt(body, signature(appSecret, body), what, 1);
    }

    /** {@code sha256=<lowercase hex HMAC-SHA256(secret, body)>}, the value of {@code X-Hub-Signature-256}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Queues {@link #post} for a delivery thread; completes with its outcome. */
    private CompletableFuture<Outcome> attempt(byte[] body, String signature, String what, int attempt) {
        try {
            return CompletableFuture.supplyAsync(() -> post(body, signature, what, attempt), deliveryThreads);
        } catch (RejectedExecutionException e) {
            // Refused only while the application shuts down.
            LOG.warn("Webhook {} not posted: shutting down", what);
            return CompletableFuture.completedFuture(Outcome.DROPPED);
        }
    }

    /** One attempt, on a delivery thread: blocks it until the answer or the timeout. */
    private Outcome post(byte[] body, String signature, String what, int attempt) {
        try {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, signature)
                    .header("User-Agent", "facebookexternalua")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                onDelivered(what, attempt);
                return Outcome.DELIVERED;
            }
            return onFailed(body, signature, what, attempt, "HTTP " + response.statusCode());
        } catch (InterruptedException e) {
            // Interrupted only by shutdownNow: the application is stopping.
            Thread.currentThread().interrupt();
            LOG.warn("Webhook {} not delivered: shutting down", what);
            return Outcome.DROPPED;
        } catch (IOException | RuntimeException e) {
            return onFailed(body, signature, what, attempt, describe(e));
        }
    }

    private void onDelivered(String what, int attempt) {
        meters.counter("simulator.webhooks", "outcome", "delivered").increment();
        if (attempt > 1) {
            LOG.info("Webhook {} delivered on attempt {}", what, attempt);
        } else {
            LOG.debug("Webhook {} delivered", what);
        }
    }

    private Outcome onFailed(byte[] body, String signature, String what, int attempt, String reason) {
        if (attempt >= maxAttempts) {
            meters.counter("simulator.webhooks", "outcome", "dropped").increment();
            LOG.warn("Webhook {} dropped after {} attempts, last failure: {}", what, attempt, reason);
            return Outcome.DROPPED;
        }
        meters.counter("simulator.webhooks", "outcome", "retried").increment();
        long delayMillis = retryDelay.toMillis() << Math.min(attempt - 1, 20);
        LOG.info("Webhook {} failed on attempt {} ({}); redelivering in {} ms", what, attempt, reason, delayMillis);
        try {
            scheduler.schedule(() -> attempt(body, signature, what, attempt + 1), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The scheduler refuses work only while the application shuts down.
            LOG.warn("Webhook {} not redelivered: {}", what, describe(e));
            return Outcome.DROPPED;
        }
        return Outcome.REDELIVERING;
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
