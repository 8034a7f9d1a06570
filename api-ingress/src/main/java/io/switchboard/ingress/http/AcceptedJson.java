package io.switchboard.ingress.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.ratelimit.RateWindow;
import io.switchboard.ingress.support.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the body of a 202 (the one answer of every accepted send) straight to UTF-8 bytes, with exactly the fields,
 * order and null handling the serde of {@link Envelopes.AcceptedEnvelope} produces:
 * {@code {"success":true,"data":{"message_id","status","to","reference"(null kept),"warnings"(only when there are
 * some)},"meta":{"request_id","rate_limit":{"limit","remaining","reset_at"}(only when consulted)}}}. The shape is
 * fixed, so the generic serializer's per-request introspection bought nothing (docs/BENCHMARKS.md, the ingress
 * profile). Strings are escaped by Jackson's own generator. The window's reset time is formatted once per window.
 */
public final class AcceptedJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** The last formatted reset time: every send of one minute shares it. */
    private static volatile FormattedInstant lastReset = new FormattedInstant(Instant.EPOCH, Timestamps.iso(
            Instant.EPOCH));

    private AcceptedJson() {
    }

    /** The 202 body for {@code data} and {@code meta}. */
    public static byte[] write(Envelopes.MessageAccepted data, String requestId, @Nullable RateWindow window) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeBooleanField("success", true);
            json.writeObjectFieldStart("data");
            json.writeStringField("message_id", data.messageId());
            json.writeStringField("status", data.status());
            json.writeStringField("to", data.to());
            json.writeStringField("reference", data.reference());
            List<String> warnings = data.warnings();
            if (warnings != null) {
                json.writeArrayFieldStart("warnings");
                for (String warning : warnings) {
                    json.writeString(warning);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("meta");
            json.writeStringField("request_id", requestId);
            if (window != null) {
                json.writeObjectFieldStart("rate_limit");
                json.writeNumberField("limit", window.limit());
                json.writeNumberField("remaining", window.remaining());
                json.writeStringField("reset_at", iso(window.resetAt()));
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        byte[] body = bytes.toByteArray();
        bytes.release();
        return body;
    }

    private static String iso(Instant instant) {
        FormattedInstant last = lastReset;
        if (last.instant().equals(instant)) {
            return last.text();
        }
        String text = Timestamps.iso(instant);
        lastReset = new FormattedInstant(instant, text);
        return text;
    }

    private record FormattedInstant(Instant instant, String text) {
    }
}
