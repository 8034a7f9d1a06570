package io.switchboard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.registry.LogRecord.SchemaVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Confluent Schema Registry REST endpoints this registry serves, each a thin mapping from the request to
 * {@link SchemaRegistryService} or {@link CompatibilityConfig} and from the answer to Confluent's JSON shapes.
 */
final class RegistryRoutes {

    private final SchemaRegistryService schemas;
    private final CompatibilityConfig config;

    RegistryRoutes(SchemaRegistryService schemas, CompatibilityConfig config) {
        this.schemas = schemas;
        this.config = config;
    }

    List<Route> all() {
        return List.of(
                Route.of("GET", "", r -> Map.of()),
                Route.of("GET", "schemas/types", r -> List.of("AVRO")),
                Route.of("GET", "schemas/ids/*", r -> Map.of("schema", schemas.schemaById(schemaId(r.param(0))))),
                Route.of("GET", "schemas/ids/*/schema", r -> new Route.RawJson(
                        schemas.schemaById(schemaId(r.param(0))))),
                Route.of("GET", "schemas/ids/*/versions", r -> schemas.usesOf(schemaId(r.param(0)), r.flag("deleted"))
                        .stream().map(RegistryRoutes::subjectVersion).toList()),
                Route.of("GET", "subjects", r -> schemas.subjects(r.flag("deleted"))),
                Route.of("POST", "subjects/*", r -> versionBody(
                        schemas.lookup(r.param(0), SchemaRequest.from(r.json()), r.flag("deleted")))),
                Route.of("DELETE", "subjects/*", r -> schemas.deleteSubject(r.param(0), r.flag("permanent"))),
                Route.of("GET", "subjects/*/versions", r -> schemas.versions(r.param(0), r.flag("deleted"))),
                Route.of("POST", "subjects/*/versions", r -> Map.of("id",
                        schemas.register(r.param(0), SchemaRequest.from(r.json())))),
                Route.of("GET", "subjects/*/versions/*", r -> versionBody(
                        schemas.version(r.param(0), r.param(1), r.flag("deleted")))),
                Route.of("GET", "subjects/*/versions/*/schema", r -> new Route.RawJson(
                        schemas.version(r.param(0), r.param(1), r.flag("deleted")).schema())),
                Route.of("GET", "subjects/*/versions/*/referencedby", r -> {
                    schemas.version(r.param(0), r.param(1), true);
                    return List.of(); // references are not supported, so nothing refers to anything
                }),
                Route.of("DELETE", "subjects/*/versions/*", r -> schemas.deleteVersion(r.param(0), r.param(1),
                        r.flag("permanent"))),
                Route.of("POST", "compatibility/subjects/*/versions", r -> compatibility(r, null)),
                Route.of("POST", "compatibility/subjects/*/versions/*", r -> compatibility(r, r.param(1))),
                Route.of("GET", "config", r -> Map.of("compatibilityLevel", config.global().name())),
                Route.of("PUT", "config", r -> Map.of("compatibility", config.setGlobal(level(r.json())).name())),
                Route.of("GET", "config/*", r -> Map.of("compatibilityLevel",
                        config.ofSubject(r.param(0), r.flag("defaultToGlobal")).name())),
                Route.of("PUT", "config/*", r -> Map.of("compatibility",
                        config.setForSubject(r.param(0), level(r.json())).name())),
                Route.of("DELETE", "config/*", r -> Map.of("compatibilityLevel",
                        config.deleteForSubject(r.param(0)).name())),
                Route.of("GET", "mode", r -> Map.of("mode", "READWRITE")));
    }

    private Object compatibility(ApiRequest request, String version) {
        // Parse the version before the body, so a bad version is 42202 whatever the body.
        if (version != null) {
            VersionId.parse(version);
        }
        List<String> problems = schemas.incompatibilities(request.param(0), version,
                SchemaRequest.from(request.json()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            body.put("messages", problems);
        }
        return body;
    }

    private static Map<String, Object> subjectVersion(SchemaVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        return body;
    }

    private static Map<String, Object> versionBody(SchemaVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema());
        return body;
    }

    /** {@code {"compatibility": "FULL"}}; newer clients may send {@code compatibilityLevel}. */
    private static CompatibilityLevel level(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RegistryException.unprocessable(
                    "The request body must be a JSON object with a \"compatibility\" field");
        }
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        if (level == null || !level.isTextual()) {
            throw RegistryException.invalidCompatibilityLevel();
        }
        return CompatibilityLevel.parse(level.asText());
    }

    /** Ids are positive ints; anything else cannot name a schema. */
    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound();
        }
    }
}
