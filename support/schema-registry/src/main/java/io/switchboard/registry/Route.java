package io.switchboard.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One endpoint: an HTTP method, a path pattern such as {@code subjects/*}{@code /versions/*} (each {@code *} matches
 * one segment and becomes a parameter) and the handler. A handler returns the object to send as JSON with status 200,
 * or a {@link RawJson} to send as it is.
 */
record Route(String method, List<String> pattern, Function<ApiRequest, Object> handler) {

    static Route of(String method, String pattern, Function<ApiRequest, Object> handler) {
        List<String> parts = pattern.isEmpty() ? List.of() : List.of(pattern.split("/"));
        return new Route(method, parts, handler);
    }

    /** The wildcard values when {@code segments} fit the pattern (whatever the method). */
    Optional<List<String>> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.equals("*")) {
                params.add(segments.get(i));
            } else if (!expected.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** A JSON document that is already text (a schema answered as itself, not as a string). */
    record RawJson(String json) {
    }
}
