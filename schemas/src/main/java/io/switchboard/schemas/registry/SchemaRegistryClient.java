package io.switchboard.schemas.registry;

import org.apache.avro.Schema;

/**
 * The parts of the Confluent Schema Registry REST API that Switchboard's producers, consumers and tools use.
 * Implementations cache what never changes (ids, schemas by id), so the hot path of a serde never calls the registry.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The newest version of a subject. */
    RegisteredSchema latest(String subject);

    /** The version of {@code subject} that is exactly {@code schema}, or throws 40403 when there is none. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** Whether {@code schema} may be registered as the next version of {@code subject} under its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** One version of a subject. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }
}
