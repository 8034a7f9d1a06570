package io.switchboard.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the value schemas of the topics we write are registered (any Confluent-compatible registry).
 *
 * @param url base URL of the registry, e.g. {@code http://localhost:8081}
 */
@ConfigurationProperties(SchemaRegistrySettings.PREFIX)
public record SchemaRegistrySettings(@Nullable String url) {

    public static final String PREFIX = "switchboard.schema-registry";

    public SchemaRegistrySettings {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(PREFIX + ".url must be set");
        }
    }
}
