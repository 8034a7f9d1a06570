package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Graph API error as Meta answers it: an HTTP status plus the {@code {"error":{...}}} envelope whose
 * {@code message} is {@code "(#<code>) <title>"} and whose {@code error_data.details} says which field is wrong
 * and why. Clients must act on {@code code} and {@code details}, never on the HTTP status (Meta's advice), so
 * the status is a separate field that fault injection sets per code ({@link ErrorRule}, {@link ErrorCatalog}).
 */
public record GraphError(int httpStatus, int code, String title, String details) {

    public static final int INVALID_PARAMETER = 100;
    public static final int INVALID_TOKEN = 190;
    public static final int INVALID_VALUE = 131009;
    public static final int UNSUPPORTED_TYPE = 131051;
    public static final int MISSING_PARAMETER = 131008;
    public static final int RE_ENGAGEMENT = 131047;
    public static final int MEDIA_ERROR = 131053;
    public static final int TEMPLATE_PARAM_COUNT = 132000;
    public static final int TEMPLATE_MISSING = 132001;
    public static final int TEMPLATE_PARAM_FORMAT = 132012;
    public static final int TEMPLATE_PAUSED = 132015;
    public static final int TEMPLATE_DISABLED = 132016;
    public static final int TEMPLATE_PARAM_TEXT = 132018;

    /** The details Meta gives for 131047, word for word. */
    public static final String RE_ENGAGEMENT_DETAILS = "Message failed to send because more than 24 hours have passed"
            + " since the customer last replied to this number.";

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

    /** A required parameter is absent (Meta's 131008, used where a template needs a parameter). */
    public static GraphError missingParameter(String details) {
        return new GraphError(400, MISSING_PARAMETER, "Required parameter is missing", details);
    }

    /** A free-form message to a customer whose last message is older than the customer-service window. */
    public static GraphError reEngagement() {
        return new GraphError(400, RE_ENGAGEMENT, "Re-engagement message", RE_ENGAGEMENT_DETAILS);
    }

    /** An upload Meta would not store: too large for its type. */
    public static GraphError mediaError(String details) {
        return new GraphError(400, MEDIA_ERROR, "Media upload error", details);
    }

    /** A template error (132xxx); {@code title} is Meta's title for that code. */
    public static GraphError template(int code, String details) {
        String title = switch (code) {
            case TEMPLATE_PARAM_COUNT -> "Number of parameters does not match the expected number of params";
            case TEMPLATE_MISSING -> "Template name does not exist in the translation";
            case TEMPLATE_PARAM_FORMAT -> "Parameter format does not match format in the created template";
            case TEMPLATE_PAUSED -> "Template is paused";
            case TEMPLATE_DISABLED -> "Template is disabled";
            case TEMPLATE_PARAM_TEXT -> "There was an issue with the parameters in your template";
            default -> throw new IllegalArgumentException("not a template error code: " + code);
        };
        return new GraphError(400, code, title, details);
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
