package io.switchboard.examples;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the top-level string and number fields of one JSON object, which is all the schema registry's answers need
 * ({@code {"subject":"send-commands-value","version":3,"id":7,"schema":"{...}"}}). Nested objects and arrays are
 * skipped. It exists only so the examples depend on nothing but kafka-clients and Avro: in your own service, use the
 * JSON library you already have.
 */
final class FlatJson {

    private final String json;
    private int at;

    private FlatJson(String json) {
        this.json = json;
    }

    /** Field name to its string value, or to a number's text. */
    static Map<String, String> parse(String json) {
        return new FlatJson(json).object();
    }

    private Map<String, String> object() {
        Map<String, String> fields = new HashMap<>();
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') {
                return fields;
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            char first = peek();
            if (first == '"') {
                fields.put(name, string());
            } else if (first == '{' || first == '[') {
                skipNested();
            } else {
                int start = at;
                while (at < json.length() && ",}".indexOf(json.charAt(at)) < 0 && !Character.isWhitespace(json.charAt(at))) {
                    at++;
                }
                fields.put(name, json.substring(start, at));
            }
            skipSpace();
            if (peek() == ',') {
                at++;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder text = new StringBuilder();
        while (true) {
            char c = json.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escaped = json.charAt(at++);
            switch (escaped) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> text.append(escaped); // \" \\ \/
            }
        }
    }

    private void skipNested() {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            at++;
        } while (depth > 0);
    }

    private void skipSpace() {
        while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= json.length()) {
            throw new IllegalArgumentException("JSON ended early: " + json);
        }
        return json.charAt(at);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw new IllegalArgumentException("Expected '" + c + "' at " + at + " of " + json);
        }
        at++;
    }
}
