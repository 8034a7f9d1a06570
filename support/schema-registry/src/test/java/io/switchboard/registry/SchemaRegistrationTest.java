package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static io.switchboard.registry.CompatibilityCheckerTest.WITH_OPTIONAL_NOTE;
import static io.switchboard.registry.CompatibilityCheckerTest.WITH_REQUIRED_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.registry.RegistryHttp.Answer;
import io.switchboard.testkit.KafkaTestCluster;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaRegistrationTest {

    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(KafkaTestCluster.shared().bootstrapServers());
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static String subject() {
        return "messages-" + UUID.randomUUID() + "-value";
    }

    private static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }

    @Test
    void registeredSchemaIsFoundByIdAndBySubjectVersion() {
        String subject = subject();
        Answer registered = http.register(subject, V1);
        int id = registered.id();

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(RegistryHttp.VND);
        assertThat(registered.json().fieldNames()).toIterable().containsExactly("id");
        assertThat(http.get("/schemas/ids/" + id).json().path("schema").asText()).isEqualTo(canonical(V1));
        JsonNode version = http.get("/subjects/" + subject + "/versions/1").json();
        assertThat(version.path("subject").asText()).isEqualTo(subject);
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("id").asInt()).isEqualTo(id);
        assertThat(version.path("schema").asText()).isEqualTo(canonical(V1));
        assertThat(http.get("/subjects/" + subject + "/versions/latest").json()).isEqualTo(version);
        assertThat(http.get("/subjects/" + subject + "/versions/1/schema").json())
                .isEqualTo(new RegistryHttp.Answer(200, "", canonical(V1)).json());
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/schemas/ids/" + id + "/versions").json().toString()).contains("{\"subject\":\"" + subject
                + "\",\"version\":1}");
    }

    @Test
    void sameSchemaGetsTheSameIdAgainAndUnderAnotherSubject() {
        String subject = subject();
        String other = subject();
        int id = http.register(subject, V1).id();
        String reformatted = "{ \"type\" : \"record\", \"namespace\":\"io.switchboard.test\", \"name\":\"Message\","
                + " \"fields\": [ {\"type\":\"string\", \"name\":\"messageId\"} ] }";

        assertThat(http.register(subject, V1).id()).isEqualTo(id);
        assertThat(http.register(subject, reformatted).id()).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(http.register(other, V1).id()).isEqualTo(id);
        assertThat(http.get("/subjects/" + other + "/versions/1").json().path("id").asInt()).isEqualTo(id);
    }

    @Test
    void backwardCompatibleEvolutionIsAcceptedAsTheNextVersion() {
        String subject = subject();
        int first = http.register(subject, V1).id();

        Answer second = http.register(subject, WITH_OPTIONAL_NOTE);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.id()).isNotEqualTo(first);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt())
                .isEqualTo(second.id());
    }

    @Test
    void incompatibleSchemaIsRefusedWith409AndNothingIsStored() {
        String subject = subject();
        int first = http.register(subject, V1).id();

        Answer refused = http.register(subject, WITH_REQUIRED_NOTE);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("incompatible").contains("note");
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt()).isEqualTo(first);
        assertThat(http.post("/subjects/" + subject, RegistryHttp.schemaBody(WITH_REQUIRED_NOTE)).errorCode())
                .isEqualTo(40403);
    }

    @Test
    void compatibilityEndpointAnswersWithoutRegistering() {
        String subject = subject();
        http.register(subject, V1);
        String latest = "/compatibility/subjects/" + subject + "/versions/latest";

        assertThat(http.post(latest, RegistryHttp.schemaBody(WITH_OPTIONAL_NOTE)).body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(http.post(latest, RegistryHttp.schemaBody(WITH_REQUIRED_NOTE)).json().path("is_compatible")
                .asBoolean()).isFalse();
        JsonNode verbose = http.post(latest + "?verbose=true", RegistryHttp.schemaBody(WITH_REQUIRED_NOTE)).json();
        assertThat(verbose.path("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/1",
                RegistryHttp.schemaBody(WITH_OPTIONAL_NOTE)).json().path("is_compatible").asBoolean()).isTrue();
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions",
                RegistryHttp.schemaBody(WITH_OPTIONAL_NOTE)).json().path("is_compatible").asBoolean()).isTrue();
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void compatibilityEndpointNamesMissingSubjectsVersionsAndBadVersions() {
        String subject = subject();
        String body = RegistryHttp.schemaBody(V1);

        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", body).errorCode())
                .isEqualTo(40401);
        http.register(subject, V1);
        Answer missingVersion = http.post("/compatibility/subjects/" + subject + "/versions/9", body);
        assertThat(missingVersion.status()).isEqualTo(404);
        assertThat(missingVersion.errorCode()).isEqualTo(40402);
        Answer badVersion = http.post("/compatibility/subjects/" + subject + "/versions/zero", body);
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
    }

    @Test
    void lookupFindsTheVersionOfASchemaUnderASubject() {
        String subject = subject();
        int id = http.register(subject, V1).id();
        http.register(subject, WITH_OPTIONAL_NOTE);

        JsonNode found = http.post("/subjects/" + subject, RegistryHttp.schemaBody(V1)).json();

        assertThat(found.path("subject").asText()).isEqualTo(subject);
        assertThat(found.path("version").asInt()).isEqualTo(1);
        assertThat(found.path("id").asInt()).isEqualTo(id);
        assertThat(found.path("schema").asText()).isEqualTo(canonical(V1));
        assertThat(http.post("/subjects/" + subject(), RegistryHttp.schemaBody(V1)).errorCode()).isEqualTo(40401);
    }

    @Test
    void missingThingsAreNamedWithConfluentErrorCodes() {
        String subject = subject();
        http.register(subject, V1);

        assertThat(http.get("/subjects/" + subject() + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/" + subject + "/versions/7").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/" + subject + "/versions/0").errorCode()).isEqualTo(42202);
        assertThat(http.get("/schemas/ids/987654").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/987654").json().path("message").asText()).isEqualTo("Schema 987654 not found");
    }

    @Test
    void deletingASubjectIsSoftAndItsIdsKeepResolving() {
        String subject = subject();
        int id = http.register(subject, V1).id();
        http.register(subject, WITH_OPTIONAL_NOTE);

        Answer deleted = http.delete("/subjects/" + subject);

        assertThat(deleted.body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").json()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40404);
        assertThat(http.register(subject, V1).id()).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[3]");
    }

    @Test
    void deletingOneVersionLeavesTheOthers() {
        String subject = subject();
        http.register(subject, V1);
        http.register(subject, WITH_OPTIONAL_NOTE);

        assertThat(http.delete("/subjects/" + subject + "/versions/2").body()).isEqualTo("2");

        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/" + subject + "/versions/2").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/" + subject + "/versions/2?deleted=true").status()).isEqualTo(200);
    }
}
