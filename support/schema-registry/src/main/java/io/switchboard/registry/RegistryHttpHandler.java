package io.switchboard.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HTTP requests into route calls and answers into HTTP, the way Confluent's server does. Rules: request bodies
 * may be {@code application/vnd.schemaregistry.v1+json}, {@code application/vnd.schemaregistry+json},
 * {@code application/json} or {@code application/octet-stream} (415 otherwise); answers are
 * {@code application/vnd.schemaregistry.v1+json} unless the client accepts only {@code application/json}; every
 * failure has the body {@code {"error_code": ..., "message": ...}}, and only a fault of ours is a 500.
 */
final class RegistryHttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY_TYPES = Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");

    /** One request as read off the wire (path and query still percent-encoded). */
    record Call(String method, String rawPath, String rawQuery, String contentType, String accept, byte[] body) {
    }

    /** One answer: status, content type and body bytes. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private final List<Route> routes;

    RegistryHttpHandler(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    Answer handle(Call call) {
        int status = 200;
        Object answer;
        try {
            answer = dispatch(call);
        } catch (RegistryException e) {
            status = e.status();
            answer = errorBody(e.errorCode(), e.getMessage());
            if (status >= 500) {
                LOG.warn("{} {} failed: {}", call.method(), call.rawPath(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", call.method(), call.rawPath(), e);
            status = 500;
            answer = errorBody(50001, "Internal error: " + e);
        }
        byte[] body;
        try {
            body = answer instanceof Route.RawJson raw
                    ? raw.json().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            LOG.error("{} {}: answer not serializable", call.method(), call.rawPath(), e);
            status = 500;
            body = "{\"error_code\":50001,\"message\":\"Internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(status, responseType(call.accept()), body);
    }

    private Object dispatch(Call call) {
        String method = call.method().toUpperCase(Locale.ROOT);
        ApiRequest request = new ApiRequest(method, call.rawPath(), call.rawQuery(), call.body());
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<List<String>> params = route.match(request.segments());
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                checkContentType(call.contentType(), call.body().length);
                request.bind(params.get());
                return route.handler().apply(request);
            }
        }
        throw pathKnown ? RegistryException.methodNotAllowed() : RegistryException.notFound();
    }

    private static void checkContentType(String contentType, int bodyLength) {
        if (contentType == null || bodyLength == 0) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!BODY_TYPES.contains(type)) {
            throw RegistryException.unsupportedMediaType(type);
        }
    }

    static String responseType(String accept) {
        if (accept == null) {
            return CONTENT_TYPE;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        boolean vendor = lower.contains("application/vnd.schemaregistry") || lower.contains("*/*");
        return !vendor && lower.contains("application/json") ? "application/json" : CONTENT_TYPE;
    }

    static Map<String, Object> errorBody(int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }
}
