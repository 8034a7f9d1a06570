package io.switchboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistryMainTest {

    @Test
    void defaultsAreConfluentsPortOnEveryInterfaceOverTheSchemasTopic() {
        RegistrySettings settings = SchemaRegistryMain.settings(new String[0], Map.of());

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.port()).isEqualTo(8081);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.topic()).isEqualTo("_schemas");
    }

    @Test
    void environmentOverridesDefaultsAndArgumentsOverrideTheEnvironment() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SCHEMA_REGISTRY_PORT", "18081",
                "SCHEMA_REGISTRY_HOST", "127.0.0.1", "SCHEMA_REGISTRY_TOPIC", "_schemas_local");

        RegistrySettings fromEnv = SchemaRegistryMain.settings(new String[0], env);
        RegistrySettings fromArgs = SchemaRegistryMain.settings(new String[] {"broker:29092", "9999"},
                Map.of("SCHEMA_REGISTRY_BOOTSTRAP_SERVERS", "ignored:1", "SCHEMA_REGISTRY_PORT", "1"));

        assertThat(fromEnv).isEqualTo(RegistrySettings.of("kafka:9092").withPort(18081).withHost("127.0.0.1")
                .withTopic("_schemas_local"));
        assertThat(fromArgs.bootstrapServers()).isEqualTo("broker:29092");
        assertThat(fromArgs.port()).isEqualTo(9999);
    }
}
