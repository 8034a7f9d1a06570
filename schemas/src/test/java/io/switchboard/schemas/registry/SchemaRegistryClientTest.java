package io.switchboard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.RegistryFixture;
import io.switchboard.schemas.avro.SendCommand;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private final String url = RegistryFixture.registryUrl();
    private final String subject = "client-test-" + UUID.randomUUID() + "-value";

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"test\",\"fields\":["
                + fields + "]}");
    }

    @Test
    void registersLooksUpByIdAndFindsTheLatestVersion() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(url);
        Schema v1 = record("{\"name\":\"id\",\"type\":\"string\"}");

        int id = client.register(subject, v1);

        assertThat(new HttpSchemaRegistryClient(url).schemaById(id)).isEqualTo(v1);
        SchemaRegistryClient.RegisteredSchema latest = client.latest(subject);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(client.lookup(subject, v1).version()).isEqualTo(1);
        assertThat(client.register(subject, v1)).as("registering the same schema again").isEqualTo(id);
    }

    @Test
    void aBackwardCompatibleChangeBecomesTheNextVersion() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(url);
        client.register(subject, record("{\"name\":\"id\",\"type\":\"string\"}"));
        Schema v2 = record("{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(client.isCompatible(subject, v2)).isTrue();
        client.register(subject, v2);

        assertThat(client.latest(subject).version()).isEqualTo(2);
        assertThat(client.latest(subject).schema()).isEqualTo(v2);
    }

    @Test
    void anIncompatibleChangeIsRefusedAndNotStored() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(url);
        client.register(subject, record("{\"name\":\"id\",\"type\":\"string\"}"));
        // A new required field without a default: new readers cannot read data already written.
        Schema incompatible = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"}");

        assertThat(client.isCompatible(subject, incompatible)).isFalse();
        assertThatThrownBy(() -> client.register(subject, incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
        assertThat(client.latest(subject).version()).isEqualTo(1);
    }

    @Test
    void changingTheTypeOfASendCommandFieldIsRefused() throws Exception {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(url);
        Schema current = SendCommand.getClassSchema();
        client.register(subject, current);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(current.toString());
        json.withArray("fields").forEach(field -> {
            if (field.get("name").asText().equals("recipient")) {
                ((ObjectNode) field).put("type", "long");
            }
        });
        Schema recipientAsNumber = new Schema.Parser().parse(json.toString());

        assertThat(recipientAsNumber.getField("recipient").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(client.isCompatible(subject, recipientAsNumber)).isFalse();
        assertThatThrownBy(() -> client.register(subject, recipientAsNumber))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void anUnknownSubjectIsA40401() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(url).latest("no-such-subject-" + UUID.randomUUID()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void anUnreachableRegistryFailsWithAClearMessage() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://127.0.0.1:1").schemaById(1))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable");
    }
}
