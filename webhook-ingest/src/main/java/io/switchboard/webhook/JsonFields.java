package io.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Null-safe reads of Meta's JSON. Webhook shapes change without notice, so a field that is missing, null or of an
 * unexpected type reads as absent (null, an empty list, a missing node) instead of throwing: one odd field must never
 * turn a whole batch into an error.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** A scalar field as text ({@code 123} and {@code "123"} both read as "123"); null for absent or non-scalar. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A child object, or a missing node (whose own reads are all absent). */
    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? value : MissingNode.getInstance();
    }

    /** The elements of an array field; empty when absent or not an array. */
    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(value.spliterator(), false).toList();
    }

    /** A boolean field ({@code true} or {@code "true"}); null when absent or anything else. */
    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue());
        }
        return null;
    }

    /** A number field, written as a JSON number or a numeric string; null when absent or not a number. */
    static Double decimal(JsonNode node, String field) {
        BigDecimal value = bigDecimal(node.path(field));
        return value == null ? null : value.doubleValue();
    }

    /** An integral field that fits an int; null when absent, fractional or out of range. */
    static Integer integer(JsonNode node, String field) {
        BigDecimal value = bigDecimal(node.path(field));
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal bigDecimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
