package io.switchboard.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the routes see it: the decoded path segments, the query parameters and the body. Rules: path
 * segments are percent-decoded with '+' kept literal (subject names may contain it); a body that is not JSON is a 400
 * with a Confluent error body, never a 500.
 */
final class ApiRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final List<String> segments;
    private final Map<String, String> query;
    private final byte[] body;
    private List<String> params = List.of();

    ApiRequest(String method, String rawPath, String rawQuery, byte[] body) {
        this.method = method;
        this.segments = segments(rawPath);
        this.query = query(rawQuery);
        this.body = body;
    }

    String method() {
        return method;
    }

    List<String> segments() {
        return segments;
    }

    void bind(List<String> matched) {
        this.params = List.copyOf(matched);
    }

    /** The {@code index}-th wildcard of the matched route. */
    String param(int index) {
        return params.get(index);
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(query.get(name));
    }

    /** The body as JSON; {@code null} when empty; 400 when it is not JSON. */
    JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Malformed JSON in the request body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw RegistryException.badRequest("Unreadable request body: " + e.getMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (!raw.isEmpty()) {
                segments.add(percentDecode(raw));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(percentDecode(name), percentDecode(value));
        }
        return params;
    }

    /** Decodes %XX escapes as UTF-8 bytes; everything else, '+' included, stays as it is. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
