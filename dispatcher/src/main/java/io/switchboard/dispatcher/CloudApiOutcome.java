package io.switchboard.dispatcher;

import java.time.Duration;

/**
 * What one call to the Cloud API's send endpoint produced, before anyone decides what to do about it: accepted with a
 * wamid, refused with Meta's error envelope, or no answer at all. A transport failure records whether the request may
 * have reached Meta, because only a failure before the request was written proves nothing was sent.
 */
public sealed interface CloudApiOutcome {

    /** How long the call took, for the latency timer and the attempt record. */
    Duration latency();

    /** HTTP 2xx: WhatsApp accepted the message; {@code wamid} is null only if the body did not carry one. */
    record Accepted(int httpStatus, String wamid, String messageStatus, Duration latency) implements CloudApiOutcome {
    }

    /**
     * A non-2xx answer. {@code code} is Meta's {@code error.code} (null when the body was not Meta's envelope, e.g. a
     * proxy's 502 page); {@code message} is {@code error.message}, typically {@code "(#131026) Message undeliverable"}.
     */
    record Rejected(int httpStatus, Integer code, String message, String details, String type, String fbtraceId,
            Duration latency) implements CloudApiOutcome {

        /** Meta's title without the {@code "(#code) "} prefix, or a description of the HTTP status. */
        public String title() {
            if (message == null || message.isBlank()) {
                return "HTTP " + httpStatus;
            }
            String trimmed = message.strip();
            if (trimmed.startsWith("(#")) {
                int close = trimmed.indexOf(") ");
                if (close > 0) {
                    return trimmed.substring(close + 2);
                }
            }
            return trimmed;
        }
    }

    /**
     * No HTTP answer. {@code requestWritten} is false only when the failure proves the request never left (connection
     * refused, connect timeout, unknown host, TLS handshake, HTTP/2 stream limit); a read timeout or a reset afterwards is ambiguous.
     */
    record TransportFailure(boolean requestWritten, String description, Duration latency) implements CloudApiOutcome {
    }
}
