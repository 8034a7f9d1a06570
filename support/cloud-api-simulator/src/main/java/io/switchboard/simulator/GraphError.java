package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Graph API error as Meta answers it: an HTTP status plus the {@code {"error":{...}}} envelope whose
 * {@code message} is {@code "(#<code>) <title>"} and whose {@code error_data.details} says which field is wrong
 * and why. Clients must act on {@code code} and {@code details}, never on the HTTP status (Meta's advice), so
 * the status is a separate field that fault injection may later set per code.
 */
public record GraphError(int httpStatus, int code, String title, String details) {

    public static final int INVALID_PARAMETER = 100;
    public static final int INVALID_TOKEN = 190;
    public static final int INVALID_VALUE = 131009;
    public static final int UNSUPPORTED_TYPE = 131051;

    /** A parameter is missing, of the wrong JSON type, or not accepted at all. */
    public static GraphError invalidParameter(String details) {
        return new GraphError(400, INVALID_PARAMETER, "Invalid parameter", details);
    }

    /** A parameter is present and well-typed but its value breaks a limit or a rule. */
    public static GraphError invalidValue(String details) {
        return new GraphError(400, INVALID_VALUE, "Parameter value is not valid", details);
    }

    /** The {@code type} names no message type the Cloud API sends. */
    public static GraphError unsupportedType(String details) {
        return new GraphError(400, UNSUPPORTED_TYPE, "Unsupported message type", details);
    }

    /** The bearer token is missing or is not the configured one. */
    public static GraphError invalidToken(String details) {
        return new GraphError(401, INVALID_TOKEN, "Invalid OAuth access token", details);
    }

    /** The body Meta sends, with a fresh {@code fbtrace_id} as every real error carries one. */
    public Envelope toEnvelope() {
        return new Envelope(new Body("(#" + code + ") " + title, "OAuthException", code,
                new ErrorData("whatsapp", details), newTraceId()));
    }

    /** Throws this error out of a validation, to be answered by the send service. */
    public GraphErrorException exception() {
        return new GraphErrorException(this);
    }

    static String newTraceId() {
        byte[] bytes = new byte[17];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code {"error":{...}}}. */
    @Serdeable
    public record Envelope(Body error) {
    }

    /** The inside of the envelope, fields in Meta's order. */
    @Serdeable
    public record Body(String message, String type, int code,
                       @JsonProperty("error_data") ErrorData errorData,
                       @JsonProperty("fbtrace_id") String fbtraceId) {
    }

    /** {@code error_data}: where Meta says what exactly was wrong. */
    @Serdeable
    public record ErrorData(@JsonProperty("messaging_product") String messagingProduct, String details) {
    }
}
