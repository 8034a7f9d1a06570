package io.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.http.HttpLoadClient;
import io.switchboard.bench.system.SetupClient;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows accepted messages through the public status query: each followed message is asked for every
 * {@code pollMs} until it is {@code sent} (or further), then until {@code delivered} (or read), and the time from the
 * API's 202 to the first answer showing each is recorded. The resolution is therefore the poll interval; a message
 * not delivered within 30 s counts as an error of the step it did not reach.
 *
 * <p>The polls are load on the system being measured (each is a status query through the ingress to the
 * projector): at most {@code maxFollowing} messages are followed at once, and the first poll of a message waits
 * {@code firstPollMs} (the simulator's latency: nothing can be sent sooner). Without the cap a slowing pipeline keeps
 * more messages followed, which means more polls, which slows it further.
 */
public final class StatusFollower implements AutoCloseable {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HttpLoadClient client;
    private final String basePath;
    private final long pollMs;
    private final long firstPollMs;
    private final int maxFollowing;
    private final Stats sent;
    private final Stats delivered;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-status-follower");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger following = new AtomicInteger();
    private volatile HopTracker hops;

    public StatusFollower(HttpLoadClient client, String basePath, long pollMs, long firstPollMs, int maxFollowing,
                          Stats sent, Stats delivered) {
        this.client = client;
        this.basePath = basePath;
        this.pollMs = pollMs;
        this.firstPollMs = Math.max(pollMs, firstPollMs);
        this.maxFollowing = maxFollowing;
        this.sent = sent;
        this.delivered = delivered;
    }

    /** Also tells {@code tracker} when each followed message was accepted and when its {@code sent} showed. */
    public StatusFollower reportingTo(HopTracker tracker) {
        this.hops = tracker;
        return this;
    }

    public int following() {
        return following.get();
    }

    /**
     * Starts following the message accepted by the 202 {@code body} at {@code acceptedNanos}, unless
     * {@code maxFollowing} messages are followed already.
     */
    public void follow(String body, long acceptedNanos, String apiKey) {
        int at = body.indexOf("\"message_id\":\"");
        if (at < 0) {
            return;
        }
        if (following.incrementAndGet() > maxFollowing) {
            following.decrementAndGet();
            return;
        }
        String id = body.substring(at + 14, body.indexOf('"', at + 14));
        HopTracker tracker = hops;
        if (tracker != null) {
            tracker.accepted(id, epochMillisOf(acceptedNanos));
        }
        schedule(id, apiKey, acceptedNanos, false, firstPollMs);
    }

    private void schedule(String id, String apiKey, long acceptedNanos, boolean sawSent) {
        schedule(id, apiKey, acceptedNanos, sawSent, pollMs);
    }

    private void schedule(String id, String apiKey, long acceptedNanos, boolean sawSent, long delayMs) {
        try {
            timer.schedule(() -> poll(id, apiKey, acceptedNanos, sawSent), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            following.decrementAndGet(); // the step is over; an answer arriving after it is not counted
        }
    }

    private void poll(String id, String apiKey, long acceptedNanos, boolean sawSent) {
        client.send(new HttpLoadClient.Request(HttpMethod.GET, basePath + "/messages/" + id,
                Map.of("X-API-Key", apiKey, "Accept", "application/json"), null, (status, body, error) -> {
                    long now = System.nanoTime();
                    String state = status == 200 ? state(body) : "";
                    boolean isSent = sawSent || state.equals("sent") || state.equals("delivered") || state.equals("read");
                    boolean isDelivered = state.equals("delivered") || state.equals("read");
                    if (!sawSent && isSent) {
                        sent.success(now - acceptedNanos);
                        HopTracker tracker = hops;
                        if (tracker != null) {
                            tracker.visible(id, epochMillisOf(now));
                        }
                    }
                    if (isDelivered) {
                        delivered.success(now - acceptedNanos);
                        following.decrementAndGet();
                    } else if (state.equals("failed") || state.equals("expired")) {
                        (isSent ? delivered : sent).error("status " + state);
                        following.decrementAndGet();
                    } else if (now - acceptedNanos > GIVE_UP_NANOS) {
                        (isSent ? delivered : sent).error("not " + (isSent ? "delivered" : "sent") + " within 30 s");
                        following.decrementAndGet();
                    } else {
                        schedule(id, apiKey, acceptedNanos, isSent);
                    }
                }));
    }

    /** The wall-clock time of a {@link System#nanoTime} reading (the topics' timestamps are wall-clock). */
    static long epochMillisOf(long nanos) {
        return System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String state(String body) {
        try {
            JsonNode json = SetupClient.JSON.readTree(body);
            return json.path("data").path("status").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
