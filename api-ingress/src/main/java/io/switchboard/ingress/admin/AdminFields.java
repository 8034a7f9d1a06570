package io.switchboard.ingress.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.RequestFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field rules of admin request bodies, in addition to the text rules of {@link RequestFields}: integers within a
 * range with a default, booleans with a default, arrays of strings, ISO-8601 instants and identifiers. A JSON null
 * counts as absent; every error names its field (400 VALIDATION_ERROR).
 */
final class AdminFields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    private final ObjectNode body;
    private final RequestFields text;

    AdminFields(ObjectNode body) {
        this.body = body;
        this.text = new RequestFields(body);
    }

    String requiredText(String field, int maxLength) {
        return text.requiredText(field, maxLength);
    }

    @Nullable
    String optionalText(String field, int maxLength) {
        return text.optionalText(field, maxLength);
    }

    /** A required identifier: letters, digits, '.', '_', '-', starting with a letter or digit, at most 64. */
    String identifier(String field) {
        String value = text.requiredText(field, 64);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw invalid(field + " may contain only letters, digits, '.', '_' and '-' (at most 64)");
        }
        return value;
    }

    /** A required string of 1 to 32 digits (WhatsApp's numeric ids). */
    String digits(String field) {
        JsonNode node = body.get(field);
        if (node != null && node.isNumber()) {
            throw invalid(field + " must be a string of digits, in quotes (\"106540352242922\"): WhatsApp's ids are "
                    + "too long for JSON numbers in many languages, which round them");
        }
        String value = text.requiredText(field, 32);
        if (!DIGITS.matcher(value).matches()) {
            throw invalid(field + " must be a string of digits");
        }
        return value;
    }

    int integer(String field, int defaultValue, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
                || node.longValue() > max) {
            throw invalid(field + " must be an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    boolean bool(String field, boolean defaultValue) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return node.booleanValue();
    }

    /** A required boolean. */
    boolean requiredBool(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid(field + " is required");
        }
        return bool(field, false);
    }

    /** A required array of strings (possibly empty: the caller decides). */
    List<String> strings(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid(field + " is required");
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid(field + " must be an array of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** An optional ISO-8601 instant with offset ("2026-01-31T00:00:00Z"); null when absent. */
    @Nullable
    Instant instant(String field) {
        String value = text.optionalText(field, 64);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
