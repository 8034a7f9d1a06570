package io.switchboard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * The body of a register, lookup or compatibility request ({@code {"schema": "...", "schemaType": "AVRO"}}), checked
 * and parsed. Rules: only Avro (type absent or AVRO), no references, no client-chosen id or version (that is
 * Confluent's IMPORT mode, not offered here); the schema is stored and compared in Avro's canonical JSON
 * ({@link Schema#toString()}), so whitespace and key order never make two schemas differ.
 */
record SchemaRequest(Schema schema, String canonical) {

    static SchemaRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RegistryException.unprocessable("The request body must be a JSON object with a \"schema\" field");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryException.invalidSchema("Invalid schema type " + type.asText()
                    + ": this registry stores Avro schemas only");
        }
        JsonNode references = body.get("references");
        if (references != null && !references.isNull() && !(references.isArray() && references.isEmpty())) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        if (present(body, "id") || present(body, "version")) {
            throw RegistryException.operationNotPermitted(
                    "Registering with a given id or version needs IMPORT mode, which this registry does not offer");
        }
        JsonNode text = body.get("schema");
        if (text == null || text.isNull() || (text.isTextual() && text.asText().isBlank())) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        if (!text.isTextual()) {
            throw RegistryException.unprocessable("\"schema\" must be a string holding the schema's JSON");
        }
        Schema schema = parse(text.asText());
        return new SchemaRequest(schema, schema.toString());
    }

    /** Parses stored or submitted schema text; 42201 when Avro refuses it. */
    static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) { // SchemaParseException, AvroTypeException (bad default), ...
            throw RegistryException.invalidSchema("Invalid schema " + text + ": " + e.getMessage());
        }
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull();
    }
}
