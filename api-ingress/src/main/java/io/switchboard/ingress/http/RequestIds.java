package io.switchboard.ingress.http;

import io.micronaut.http.HttpRequest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id ("req_" + 16 hex digits) that every response carries in {@code meta.request_id} and the
 * {@code X-Request-Id} header. It is attached to the request once, so the controller, the error handlers and the
 * response filter all report the same id; it is not a secret, so a fast non-cryptographic random is enough.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "switchboard.request-id";
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    /** The id of this request, assigned on first use. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = newId();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }

    public static String newId() {
        return "req_" + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
