package io.switchboard.ingress.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The OpenAPI document as the build ships it ({@code /openapi/switchboard-api.yaml} on the class path), read by
 * swagger-parser, with the Atlassian interaction validator built on it. The validator treats properties a schema does
 * not declare as errors (its default), so an answer that grew a field the document lacks fails a test.
 */
public final class OpenApiSpec {

    public static final String RESOURCE = "/openapi/switchboard-api.yaml";

    private static volatile OpenApiSpec shipped;

    private final String text;
    private final SwaggerParseResult parsed;
    private OpenApiInteractionValidator validator;

    private OpenApiSpec(String text) {
        this.text = text;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        this.parsed = new OpenAPIV3Parser().readContents(text, null, options);
    }

    /** The shipped document (read once per test JVM). */
    public static OpenApiSpec shipped() {
        if (shipped == null) {
            shipped = new OpenApiSpec(read(RESOURCE));
        }
        return shipped;
    }

    /** Any document text, e.g. an older version of the file. */
    public static OpenApiSpec of(String text) {
        return new OpenApiSpec(text);
    }

    public static String read(String resource) {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return text;
    }

    /** What swagger-parser found wrong (errors and warnings alike); empty for a valid document. */
    public List<String> parserMessages() {
        return parsed.getMessages() == null ? List.of() : parsed.getMessages();
    }

    public OpenAPI model() {
        return parsed.getOpenAPI();
    }

    /** Built on first use: it refuses to load a document swagger-parser has complaints about. */
    public synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
        }
        return validator;
    }

    /**
     * What does not match when {@code json} is read as the component schema {@code name} (empty when it matches):
     * for answers that belong to no operation, such as the refusals of the HTTP framing guard before routing.
     */
    public String schemaProblems(String json, String name) {
        Schema<?> schema = model().getComponents().getSchemas().get(name);
        if (schema == null) {
            throw new IllegalArgumentException("the document has no schema " + name);
        }
        return problems(new SchemaValidator(model(), new MessageResolver()).validate(json, schema, name));
    }

    /** One documented operation: its method, path template, id, tags, and whether api-ingress serves it. */
    public record DocumentedOperation(String method, String path, String operationId, List<String> tags,
                                      boolean servedByIngress) {

        boolean matches(String requestMethod, String requestPath) {
            return method.equalsIgnoreCase(requestMethod)
                    && requestPath.matches(path.replaceAll("\\{[^/}]+}", "[^/]+").replace(".", "\\."));
        }
    }

    /** Every operation of the document (callbacks aside). */
    public List<DocumentedOperation> operations() {
        List<DocumentedOperation> operations = new ArrayList<>();
        model().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(new DocumentedOperation(method.name(), path, operation.getOperationId(),
                        operation.getTags(), item.getServers() == null
                        || item.getServers().stream().anyMatch(server -> server.getUrl().equals("/"))))));
        return operations;
    }

    /** The id of the operation a request goes to; a literal path wins over a template (as servers route). */
    public String operationId(String method, String path) {
        return operations().stream().filter(o -> o.matches(method, path))
                .min(Comparator.comparingInt(o -> o.path().split("\\{", -1).length))
                .map(DocumentedOperation::operationId).orElse(null);
    }

    /** The report's errors and warnings, one a line (empty when the interaction matched the document). */
    public static String problems(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR || m.getLevel() == ValidationReport.Level.WARN)
                .map(m -> m.getLevel() + " " + m.getKey() + ": " + m.getMessage()
                        + (m.getNestedMessages().isEmpty() ? "" : " " + m.getNestedMessages().stream()
                        .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; "))))
                .collect(Collectors.joining("\n"));
    }
}
