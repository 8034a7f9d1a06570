package io.switchboard.ingress.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.ratelimit.RateWindow;
import io.switchboard.ingress.support.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes the body of a 202 (the one answer of every accepted send) straight to UTF-8 bytes, with exactly the fields,
 * order and null handling the serde of {@link Envelopes.AcceptedEnvelope} produces:
 * {@code {"success":true,"data":{"message_id","status","to","reference"(null kept),"warnings"(only when there are
 * some)},"meta":{"request_id","rate_limit":{"limit","remaining","reset_at"}(only when consulted)}}}. The shape is
 * fixed, so a serializer (or even a JSON generator) per request bought nothing but its own set-up
 * (docs/BENCHMARKS.md, the ingress profile). Strings are escaped by Jackson's own encoder, as the serializer does;
 * text with surrogate characters goes through a Jackson generator, which alone knows how the serializer treats a
 * lone surrogate. The window's reset time is formatted once per window.
 */
public final class AcceptedJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    /** The last formatted reset time: every send of one minute shares it. */
    private static volatile FormattedInstant lastReset = new FormattedInstant(Instant.EPOCH, Timestamps.iso(
            Instant.EPOCH));

    private AcceptedJson() {
    }

    /** The 202 body for {@code data} and {@code meta}. */
    public static byte[] write(Envelopes.MessageAccepted data, String requestId, @Nullable RateWindow window) {
        if (hasSurrogates(data.messageId()) || hasSurrogates(data.to()) || hasSurrogates(data.reference())
                || hasSurrogates(requestId) || data.warnings() != null
                && data.warnings().stream().anyMatch(AcceptedJson::hasSurrogates)) {
            return generated(data, requestId, window);
        }
        StringBuilder json = new StringBuilder(256);
        json.append("{\"success\":true,\"data\":{\"message_id\":");
        string(json, data.messageId());
        json.append(",\"status\":");
        string(json, data.status());
        json.append(",\"to\":");
        string(json, data.to());
        json.append(",\"reference\":");
        string(json, data.reference());
        List<String> warnings = data.warnings();
        if (warnings != null) {
            json.append(",\"warnings\":[");
            for (int i = 0; i < warnings.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                string(json, warnings.get(i));
            }
            json.append(']');
        }
        json.append("},\"meta\":{\"request_id\":");
        string(json, requestId);
        if (window != null) {
            json.append(",\"rate_limit\":{\"limit\":").append(window.limit())
                    .append(",\"remaining\":").append(window.remaining())
                    .append(",\"reset_at\":");
            string(json, iso(window.resetAt()));
            json.append('}');
        }
        json.append("}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder json, @Nullable String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        ESCAPES.quoteAsString(value, json);
        json.append('"');
    }

    private static boolean hasSurrogates(@Nullable String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The same body through a Jackson generator: the rare text with surrogates. */
    static byte[] generated(Envelopes.MessageAccepted data, String requestId, @Nullable RateWindow window) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeBooleanField("success", true);
            json.writeObjectFieldStart("data");
            json.writeStringField("message_id", data.messageId());
            json.writeStringField("status", data.status());
            json.writeStringField("to", data.to());
            json.writeStringField("reference", data.reference());
            if (data.warnings() != null) {
                json.writeArrayFieldStart("warnings");
                for (String warning : data.warnings()) {
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
        return bytes.toByteArray();
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
