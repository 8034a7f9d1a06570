package io.switchboard.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI document (the file api-ingress serves) as the judge of real exchanges with any service of the
 * platform, through the Atlassian validator: an answer's status must be documented for its operation and its headers
 * and body must match; a request sent as valid must match too. The customer webhooks Switchboard sends are checked
 * against the document's callbacks (body schema, required headers and their patterns).
 */
public final class OpenApiContract {

    private final OpenAPI model;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;

    private OpenApiContract(String text) {
        this.model = new OpenAPIV3Parser().readContents(text).getOpenAPI();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
        this.schemas = new SchemaValidator(model, new MessageResolver());
    }

    /** The document as it is in the repository (the served copy is compared with it where an ingress runs). */
    public static OpenApiContract fromRepository(Path repositoryRoot) {
        return of(read(repositoryRoot.resolve("api-ingress/src/main/resources/openapi/switchboard-api.yaml")));
    }

    public static OpenApiContract of(String text) {
        return new OpenApiContract(text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OpenAPI model() {
        return model;
    }

    /**
     * What does not match in one exchange (empty when it all matches). {@code requestHeaders} alternate name and
     * value; a {@code requestBody} of null means none. With {@code validRequest} false only the answer is judged.
     */
    public String problems(String method, HttpResponse<String> response, String requestBody, boolean validRequest,
                           String... requestHeaders) {
        URI uri = response.uri();
        SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                answer.withHeader(name, values);
            }
        });
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report;
        if (validRequest) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String[] parts = pair.split("=", 2);
                    request.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
                }
            }
            for (int i = 0; i < requestHeaders.length; i += 2) {
                request.withHeader(requestHeaders[i], requestHeaders[i + 1]);
            }
            if (requestBody != null) {
                request.withBody(requestBody);
            }
            report = validator.validate(request.build(), answer.build());
        } else {
            report = validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method), answer.build());
        }
        return describe(report);
    }

    /**
     * What does not match in a customer webhook Switchboard delivered: the body against the schema of the callback
     * named {@code event} (e.g. {@code message.status}) of {@code POST /api/v1/admin/webhooks}, and every header it
     * declares (required ones present, each value against its schema).
     */
    public String eventProblems(String event, Map<String, List<String>> headers, String body) {
        Operation create = model.getPaths().get("/api/v1/admin/webhooks").getPost();
        Callback callback = create.getCallbacks().get(event);
        if (callback.get$ref() != null) {
            callback = model.getComponents().getCallbacks().get(callback.get$ref()
                    .substring(callback.get$ref().lastIndexOf('/') + 1));
        }
        Operation delivery = callback.values().iterator().next().getPost();
        List<String> problems = new ArrayList<>();
        String bodyProblems = describe(schemas.validate(body, delivery.getRequestBody().getContent()
                .get("application/json").getSchema(), "webhook.body"));
        if (!bodyProblems.isEmpty()) {
            problems.add(bodyProblems);
        }
        for (Parameter header : delivery.getParameters()) {
            String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header.getName()))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
            if (value == null) {
                if (Boolean.TRUE.equals(header.getRequired())) {
                    problems.add("header " + header.getName() + " is missing");
                }
                continue;
            }
            String headerProblems = describe(schemas.validate(value, header.getSchema(), "webhook.header"));
            if (!headerProblems.isEmpty()) {
                problems.add("header " + header.getName() + ": " + headerProblems);
            }
        }
        return String.join("\n", problems);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR || m.getLevel() == ValidationReport.Level.WARN)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }
}
