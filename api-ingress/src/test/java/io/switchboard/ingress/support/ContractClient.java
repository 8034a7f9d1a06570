package io.switchboard.ingress.support;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real HTTP calls to a running service, each exchange checked against the OpenAPI document with the Atlassian
 * validator: the answer's status must be documented for the operation and its headers and body must match that
 * status's schema; a request sent as valid must match the operation's parameters and body schema too (requests that
 * provoke an error are not, by design). Mismatches are collected, so one run shows all of them; every documented
 * operation and status seen is recorded for the coverage checks.
 */
public final class ContractClient {

    private final OpenApiSpec spec;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final List<String> mismatches = new CopyOnWriteArrayList<>();

    public ContractClient(OpenApiSpec spec, String base) {
        this.spec = spec;
        this.base = base;
    }

    /** One answer: status, headers and body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return IngressApp.JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body(), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** A request the document must accept as written (headers alternate name, value). */
    public Answer valid(String method, String pathAndQuery, String json, String... headers) {
        return exchange(method, pathAndQuery, json == null ? null : json.getBytes(StandardCharsets.UTF_8), true,
                headers);
    }

    /** A request made to provoke an error: only the answer is checked against the document. */
    public Answer invalid(String method, String pathAndQuery, byte[] body, String... headers) {
        return exchange(method, pathAndQuery, body, false, headers);
    }

    public Answer invalid(String method, String pathAndQuery, String json, String... headers) {
        return invalid(method, pathAndQuery, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private Answer exchange(String method, String pathAndQuery, byte[] body, boolean validRequest,
                            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Answer answer = new Answer(response.statusCode(), response.headers().map(), response.body());
        check(method, pathAndQuery, body, validRequest, headers, answer);
        return answer;
    }

    private void check(String method, String pathAndQuery, byte[] body, boolean validRequest, String[] headers,
                       Answer answer) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
                : pathAndQuery;
        String what = method + " " + pathAndQuery + " -> " + answer.status() + " " + abbreviated(answer);
        String operationId = spec.operationId(method, path);
        if (operationId == null) {
            mismatches.add(what + "\n  the document has no such operation");
            return;
        }
        exercised.add(operationId + " " + answer.status());
        SimpleResponse.Builder response = new SimpleResponse.Builder(answer.status());
        answer.headers().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        if (answer.bytes().length > 0) {
            response.withBody(answer.bytes());
        }
        ValidationReport report;
        if (validRequest) {
            report = spec.validator().validate(request(method, pathAndQuery, body, headers), response.build());
        } else {
            report = spec.validator().validateResponse(path, Request.Method.valueOf(method), response.build());
        }
        String problems = OpenApiSpec.problems(report);
        if (!problems.isEmpty()) {
            mismatches.add(what + "\n  " + problems.replace("\n", "\n  "));
        }
    }

    private static SimpleRequest request(String method, String pathAndQuery, byte[] body, String[] headers) {
        int query = pathAndQuery.indexOf('?');
        SimpleRequest.Builder request = new SimpleRequest.Builder(method,
                query < 0 ? pathAndQuery : pathAndQuery.substring(0, query));
        if (query >= 0) {
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                request.withQueryParam(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.withHeader(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    private static String abbreviated(Answer answer) {
        String body = answer.body();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** Every exchange that did not match the document, with the validator's reasons; empties the list. */
    public List<String> takeMismatches() {
        List<String> taken = new ArrayList<>(mismatches);
        mismatches.clear();
        return taken;
    }

    /** "operationId status" of every documented exchange so far. */
    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** Whether an operation answered a success (2xx) in some exchange. */
    public boolean succeeded(String operationId) {
        return exercised.stream().anyMatch(e -> e.startsWith(operationId + " 2"));
    }
}
