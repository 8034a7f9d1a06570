package io.switchboard.bench.http;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Stats;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An HTTP request as a unit of load: the n-th request is built by {@code factory}, sent through the client, and
 * counted as a success when the answer has the expected status, with its latency from the intended start (open loop)
 * or from when it was issued (closed loop). {@code units} counts what one request carries (statuses in a batched
 * webhook), so throughput is reported in the unit the target names.
 */
public final class HttpOperation implements LoadDriver.Operation {

    /** What the n-th request is. */
    public record Spec(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
    }

    /** Told of every successful answer (e.g. to follow the accepted message). */
    public interface Listener {
        void accepted(String body, long answeredNanos);
    }

    private final HttpLoadClient client;
    private final Stats stats;
    private final int expectedStatus;
    private final int units;
    private final LongFunction<Spec> factory;
    private final AtomicLong counter = new AtomicLong();
    private volatile Listener listener;

    public HttpOperation(HttpLoadClient client, Stats stats, int expectedStatus, int units, LongFunction<Spec> factory) {
        this.client = client;
        this.stats = stats;
        this.expectedStatus = expectedStatus;
        this.units = units;
        this.factory = factory;
    }

    public HttpOperation onAccepted(Listener listener) {
        this.listener = listener;
        return this;
    }

    @Override
    public void start(long intendedNanos, Runnable done) {
        Spec spec = factory.apply(counter.getAndIncrement());
        client.send(new HttpLoadClient.Request(spec.method(), spec.path(), spec.headers(), spec.body(),
                (status, body, error) -> {
                    long now = System.nanoTime();
                    if (error != null) {
                        stats.error(error.getClass().getSimpleName(), units);
                    } else if (status == expectedStatus) {
                        stats.success(now - intendedNanos, units);
                        Listener l = listener;
                        if (l != null) {
                            l.accepted(body, now);
                        }
                    } else {
                        stats.error("HTTP " + status + errorCode(body), units);
                    }
                    done.run();
                }));
    }

    /** The API's error code from a JSON error body, for the error breakdown (never the body itself). */
    static String errorCode(String body) {
        if (body == null) {
            return "";
        }
        int at = body.indexOf("\"code\":\"");
        if (at < 0) {
            return "";
        }
        int end = body.indexOf('"', at + 8);
        return end > at ? " " + body.substring(at + 8, end) : "";
    }
}
