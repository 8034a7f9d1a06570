package io.switchboard.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One caching client per registry URL and JVM, so every serde of a service shares the same id cache. */
public final class SchemaRegistryClients {

    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set");
        }
        return CLIENTS.computeIfAbsent(url, HttpSchemaRegistryClient::new);
    }
}
