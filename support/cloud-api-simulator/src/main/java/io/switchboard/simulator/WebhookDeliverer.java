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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs and posts webhook bodies to {@code simulator.webhook-url} the way Meta does: {@code X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256(app secret, exact bytes posted)>}, JSON content type, and only an HTTP 200 counts as
 * received. A failed post (any other status, a timeout, a refused connection) is redelivered with exponential
 * backoff ({@code webhook-retry-delay}, doubled each time) up to {@code webhook-max-attempts} attempts in all, with
 * the very same bytes and signature, then dropped with a log line. At most {@code webhook-max-concurrency} posts are
 * in flight (on a small fixed pool); the others wait their turn in order, so a slow receiver never turns into
 * thousands of connections and threads. Nothing here ever throws to a caller or blocks a thread: posts are
 * asynchronous and waits are scheduled.
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
    private final HttpClient http;
    private final Semaphore permits;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

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
        this.permits = new Semaphore(Math.max(1, config.getWebhookMaxConcurrency()));
        this.httpThreads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "simulator-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1 because the JDK client would otherwise try an h2c upgrade on every new plain-HTTP connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(httpThreads).build();
    }

    @PreDestroy
    void close() {
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

    /** Runs {@link #post} now if a permit is free, else when one is released; completes with its outcome. */
    private CompletableFuture<Outcome> attempt(byte[] body, String signature, String what, int attempt) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        waiting.add(() -> post(body, signature, what, attempt).whenComplete((result, failure) -> {
            permits.release();
            startWaiting();
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        }));
        startWaiting();
        return outcome;
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && permits.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
            next.run();
        }
    }

    private CompletableFuture<Outcome> post(byte[] body, String signature, String what, int attempt) {
        try {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, signature)
                    .header("User-Agent", "facebookexternalua")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        if (error == null && response.statusCode() == 200) {
                            onDelivered(what, attempt);
                            return Outcome.DELIVERED;
                        }
                        String reason = error == null ? "HTTP " + response.statusCode() : describe(error);
                        return onFailed(body, signature, what, attempt, reason);
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(onFailed(body, signature, what, attempt, describe(e)));
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
