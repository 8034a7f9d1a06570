package io.switchboard.ingress.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.util.regex.Pattern;

/**
 * Field rules shared by the send endpoints. Lengths are counted in Unicode code points (what a person calls
 * characters; an emoji is one), text must be valid Unicode (no lone surrogates from \\u escapes), and errors name the
 * field. A JSON null counts as absent; unknown fields are ignored.
 */
public final class RequestFields {

    /** E.164: "+", a non-zero country digit, 8 to 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    public static final String PHONE_FORMAT_MESSAGE = "Phone number must be in E.164 format, e.g. +919876543210";

    private final ObjectNode body;

    public RequestFields(ObjectNode body) {
        this.body = body;
    }

    /** A required E.164 phone number. */
    public String phone(String field) {
        String value = requiredString(field);
        if (!E164.matcher(value).matches()) {
            throw new InvalidRequestException(ApiError.of(ErrorCode.INVALID_PHONE_NUMBER, PHONE_FORMAT_MESSAGE));
        }
        return value;
    }

    /** A required, non-blank string of at most {@code maxLength} characters. */
    public String requiredText(String field, int maxLength) {
        String value = requiredString(field);
        if (value.isBlank()) {
            throw invalid(field + " must not be empty");
        }
        return checked(field, value, maxLength);
    }

    /** An optional string of at most {@code maxLength} characters; null when absent. */
    @Nullable
    public String optionalText(String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return checked(field, node.textValue(), maxLength);
    }

    private String requiredString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid(field + " is required");
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return node.textValue();
    }

    private static String checked(String field, String value, int maxLength) {
        if (value.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw invalid(field + " must be valid Unicode text");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw invalid(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
