package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.RegistryHttp.Answer;
import io.switchboard.testkit.KafkaTestCluster;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

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

    private static String versionsPath() {
        return "/subjects/errors-" + UUID.randomUUID() + "/versions";
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(errorCode);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.contentType()).isEqualTo(RegistryHttp.VND);
    }

    @Test
    void malformedJsonIsA400WithAnErrorBody() {
        assertError(http.post(versionsPath(), "{\"schema\": "), 400, 400);
        assertError(http.post(versionsPath(), "not json at all"), 400, 400);
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsA422() {
        assertError(http.post(versionsPath(), "[]"), 422, 422);
        assertError(http.post(versionsPath(), "{\"schema\": {\"type\": \"string\"}}"), 422, 422);
        assertError(http.post(versionsPath(), ""), 422, 422);
    }

    @Test
    void invalidAvroIsA42201() {
        assertError(http.post(versionsPath(), "{}"), 422, 42201);
        assertError(http.register("errors-" + UUID.randomUUID(), "{\"type\": \"record\", \"name\": \"X\"}"), 422, 42201);
        assertError(http.register("errors-" + UUID.randomUUID(), "{\"type\": \"strin\"}"), 422, 42201);
        assertError(http.register("errors-" + UUID.randomUUID(), "{\"type\":\"record\",\"name\":\"X\",\"fields\":"
                + "[{\"name\":\"n\",\"type\":\"int\",\"default\":\"oops\"}]}"), 422, 42201);
    }

    @Test
    void otherSchemaTypesAndReferencesAreRefusedWith42201() {
        String protobuf = "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}";
        String withReference = "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"a\",\"subject\":\"b\","
                + "\"version\":1}]}";

        assertError(http.post(versionsPath(), protobuf), 422, 42201);
        assertError(http.post(versionsPath(), withReference), 422, 42201);
        assertThat(http.post(versionsPath(), "{\"schemaType\":\"AVRO\",\"schema\":\"\\\"string\\\"\"}").status())
                .isEqualTo(200);
    }

    @Test
    void unknownPathsMethodsAndMediaTypesGetHttpStyleErrors() {
        assertError(http.get("/nothing/here"), 404, 404);
        assertError(http.put("/subjects", "{}"), 405, 405);
        assertError(http.send("POST", versionsPath(), RegistryHttp.schemaBody(V1), "text/plain"), 415, 415);
        assertError(http.get("/schemas/ids/not-a-number"), 404, 40403);
        assertError(http.get("/subjects/x/versions/latest/schema/extra"), 404, 404);
    }

    @Test
    void everyConfluentContentTypeIsAcceptedForRequests() {
        for (String type : new String[] {RegistryHttp.VND, "application/vnd.schemaregistry+json",
                "application/json; charset=utf-8", "application/octet-stream"}) {
            assertThat(http.send("POST", versionsPath(), RegistryHttp.schemaBody(V1), type).status())
                    .as(type).isEqualTo(200);
        }
    }

    @Test
    void answersAreVendorJsonUnlessOnlyPlainJsonIsAccepted() {
        assertThat(RegistryHttpHandler.responseType(null)).isEqualTo(RegistryHttp.VND);
        assertThat(RegistryHttpHandler.responseType("application/vnd.schemaregistry.v1+json, application/json"))
                .isEqualTo(RegistryHttp.VND);
        assertThat(RegistryHttpHandler.responseType("application/json")).isEqualTo("application/json");
        assertThat(http.get("/").body()).isEqualTo("{}");
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void permanentDeletionAndClientChosenIdsAreNotOffered() {
        String path = versionsPath();
        http.post(path, RegistryHttp.schemaBody(V1));
        String subject = path.substring("/subjects/".length(), path.length() - "/versions".length());

        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 422, 42205);
        assertError(http.post(path, "{\"schema\":\"\\\"string\\\"\",\"id\":12345}"), 422, 42205);
    }
}
