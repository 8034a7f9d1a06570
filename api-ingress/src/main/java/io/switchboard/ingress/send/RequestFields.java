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
    private final String prefix;

    public RequestFields(ObjectNode body) {
        this(body, "");
    }

    /** Fields of a nested object; errors name them with {@code path}, e.g. "sections[0]". */
    public RequestFields(ObjectNode body, String path) {
        this.body = body;
        this.prefix = path.isEmpty() ? "" : path + ".";
    }

    /** Whether {@code value} is an E.164 number as the API takes it ({@code +919876543210}). */
    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    /** A required E.164 phone number; a refusal says what is wrong with it. */
    public String phone(String field) {
        String value = requiredString(field);
        if (!E164.matcher(value).matches()) {
            throw new InvalidRequestException(ApiError.of(ErrorCode.INVALID_PHONE_NUMBER,
                    phoneError(prefix + field, value)));
        }
        return value;
    }

    /** The API's message, then what to change: the mistakes integrators make (no +, separators, a 0, the length). */
    static String phoneError(String field, String value) {
        String hint;
        if (!value.startsWith("+")) {
            hint = field + " must start with + and the country code (e.g. +91 for India, +1 for the US)";
        } else if (value.length() > 1 && value.charAt(1) == '0') {
            hint = "the country code after the + cannot start with 0";
        } else if (!value.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            hint = field + " may contain only the digits 0-9 after the +: no spaces, dashes, dots or brackets";
        } else {
            hint = field + " must have 8 to 15 digits after the +, country code included";
        }
        return PHONE_FORMAT_MESSAGE + "; " + hint;
    }

    /** A required, non-blank string of at most {@code maxLength} characters. */
    public String requiredText(String field, int maxLength) {
        String value = requiredString(field);
        if (value.isBlank()) {
            throw invalid(prefix + field + " must not be empty");
        }
        return checked(prefix + field, value, maxLength);
    }

    /** An optional string of at most {@code maxLength} characters; null when absent. */
    @Nullable
    public String optionalText(String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(prefix + field + " must be a string");
        }
        return checked(prefix + field, node.textValue(), maxLength);
    }

    private String requiredString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid(prefix + field + " is required");
        }
        if (!node.isTextual()) {
            throw invalid(prefix + field + " must be a string");
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

    /** A required array of {@code min} to {@code max} items. */
    public com.fasterxml.jackson.databind.node.ArrayNode array(String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid(prefix + field + " is required");
        }
        if (!node.isArray()) {
            throw invalid(prefix + field + " must be an array");
        }
        if (node.size() < min) {
            throw invalid(prefix + field + " must have at least " + min + (min == 1 ? " item" : " items"));
        }
        if (node.size() > max) {
            throw invalid(prefix + field + " must have at most " + max + (max == 1 ? " item" : " items"));
        }
        return (com.fasterxml.jackson.databind.node.ArrayNode) node;
    }

    /** An optional object; null when absent. */
    @Nullable
    public ObjectNode optionalObject(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(prefix + field + " must be an object");
        }
        return (ObjectNode) node;
    }

    /** Item {@code index} of an array as an object; its errors are named {@code field[index]}. */
    public static RequestFields item(com.fasterxml.jackson.databind.node.ArrayNode array, int index, String path) {
        JsonNode node = array.get(index);
        if (node == null || !node.isObject()) {
            throw invalid(path + "[" + index + "] must be an object");
        }
        return new RequestFields((ObjectNode) node, path + "[" + index + "]");
    }

    /** The path of a field of this object, for messages. */
    public String path(String field) {
        return prefix + field;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
