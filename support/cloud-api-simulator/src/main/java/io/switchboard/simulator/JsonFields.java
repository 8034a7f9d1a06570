package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/**
 * Reads fields of a request tree and rejects them the way the Graph API does: a field that is missing or of the
 * wrong JSON type is an invalid parameter (code 100); a well-typed value that breaks a limit is an invalid value
 * (code 131009). Paths are written as Meta writes them ({@code interactive['action']['buttons'][3]}), so the
 * {@code details} of an error point at the exact field. Lengths count Unicode code points, not UTF-16 units, so an
 * emoji counts as one character as it does on the phone.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "['" + key + "']";
    }

    static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The child, or null when absent or JSON null (Meta treats an explicit null as absent). */
    @Nullable
    static JsonNode child(JsonNode parent, String key) {
        JsonNode value = parent.get(key);
        return value == null || value.isNull() ? null : value;
    }

    static JsonNode requiredObject(JsonNode parent, String parentPath, String key) {
        JsonNode value = optionalObject(parent, parentPath, key);
        if (value == null) {
            throw missing(path(parentPath, key));
        }
        return value;
    }

    @Nullable
    static JsonNode optionalObject(JsonNode parent, String parentPath, String key) {
        JsonNode value = child(parent, key);
        if (value != null && !value.isObject()) {
            throw GraphError.invalidParameter("Param " + path(parentPath, key) + " must be a JSON object.").exception();
        }
        return value;
    }

    /** A required array whose size must lie in {@code [min, max]}. */
    static JsonNode requiredArray(JsonNode parent, String parentPath, String key, int min, int max) {
        String path = path(parentPath, key);
        JsonNode value = child(parent, key);
        if (value == null) {
            throw missing(path);
        }
        if (!value.isArray()) {
            throw GraphError.invalidParameter("Param " + path + " must be an array.").exception();
        }
        if (value.size() < min || value.size() > max) {
            throw GraphError.invalidValue("Param " + path + " must have between " + min + " and " + max
                    + " elements (got " + value.size() + ").").exception();
        }
        return value;
    }

    /** A required, non-empty string of at most {@code maxLength} characters. */
    static String requiredText(JsonNode parent, String parentPath, String key, int maxLength) {
        String value = optionalText(parent, parentPath, key, maxLength);
        if (value == null) {
            throw missing(path(parentPath, key));
        }
        if (value.isBlank()) {
            throw GraphError.invalidValue("Param " + path(parentPath, key) + " must not be empty.").exception();
        }
        return value;
    }

    /** An optional string of at most {@code maxLength} characters; null when absent. */
    @Nullable
    static String optionalText(JsonNode parent, String parentPath, String key, int maxLength) {
        JsonNode value = child(parent, key);
        if (value == null) {
            return null;
        }
        String path = path(parentPath, key);
        if (!value.isString()) {
            throw GraphError.invalidParameter("Param " + path + " must be a string.").exception();
        }
        String text = value.getStringValue();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw GraphError.invalidValue("Param " + path + " must be at most " + maxLength
                    + " characters long (got " + length + ").").exception();
        }
        return text;
    }

    /** A required string that must equal one of {@code allowed}. */
    static String requiredOneOf(JsonNode parent, String parentPath, String key, java.util.Collection<String> allowed) {
        String value = requiredText(parent, parentPath, key, 128);
        if (!allowed.contains(value)) {
            throw GraphError.invalidParameter("Param " + path(parentPath, key) + " must be one of "
                    + allowed + " - got \"" + value + "\".").exception();
        }
        return value;
    }

    /** An optional boolean; absent is allowed, any other JSON type is not. */
    static void optionalBoolean(JsonNode parent, String parentPath, String key) {
        JsonNode value = child(parent, key);
        if (value != null && !value.isBoolean()) {
            throw GraphError.invalidParameter("Param " + path(parentPath, key) + " must be a boolean.").exception();
        }
    }

    /** An http(s) URL, as Meta fetches media and opens CTA links only over the web. */
    static String requiredUrl(JsonNode parent, String parentPath, String key, int maxLength) {
        String value = requiredText(parent, parentPath, key, maxLength);
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || value.contains(" ")) {
            throw GraphError.invalidValue("Param " + path(parentPath, key) + " must be an http(s) URL.").exception();
        }
        return value;
    }

    static GraphErrorException missing(String path) {
        return GraphError.invalidParameter("The parameter " + path + " is required.").exception();
    }
}
