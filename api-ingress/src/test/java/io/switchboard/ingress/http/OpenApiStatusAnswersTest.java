package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.ContractClient;
import io.switchboard.ingress.support.ContractClient.Answer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.OpenApiSpec;
import io.switchboard.ingress.support.StatusProjectorStandIn;
import io.switchboard.schemas.avro.Permission;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Where sent messages stand, as a running api-ingress answers: one message's status (also right after its 202 and a
 * failure's error), the batch lookup and the outbound listing with their errors, each answer checked against the
 * OpenAPI document with the Atlassian validator, as in {@link OpenApiSendAnswersTest}. The status-projector is a
 * stand-in answering the projector's contract.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiStatusAnswersTest {

    static final List<String> OPERATIONS = List.of("getMessage", "getMessageStatuses");

    private static final String MESSAGES = "/api/v1/external/messages";
    private static final String DELIVERED = "550e8400-e29b-41d4-a716-446655440000";
    private static final String FAILED = "6f1c2a8e-0b7d-4c1e-9a55-3d2f1e0c9b8a";
    private static final String OTHERS = "7a7a7a7a-2b2b-4c3c-8d4d-5e5e5e5e5e5e";
    private static final String RESTORING = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
    private static StatusProjectorStandIn projector;
    private static IngressApp app;
    private static ContractClient client;

    @BeforeAll
    static void start() {
        projector = new StatusProjectorStandIn();
        app = IngressApp.start(projector.config());
        client = new ContractClient(OpenApiSpec.shipped(), app.uri("").toString());
        projector.answer(DELIVERED, 200, """
                {"message_id":"%s","status":"delivered","account_id":"%s","recipient":"+919876543210","kind":"TEXT",
                 "reference":"test-msg-001","wamid":"wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS",
                 "accepted_at":"2025-12-19T10:00:00.123Z","updated_at":"2025-12-19T10:00:04.312Z","attempts":1,
                 "error":null,"timeline":[{"status":"queued","at":"2025-12-19T10:00:00.123Z"},
                 {"status":"sent","at":"2025-12-19T10:00:01.500Z","whatsapp_at":"2025-12-19T10:00:01Z"},
                 {"status":"delivered","at":"2025-12-19T10:00:04.312Z","whatsapp_at":"2025-12-19T10:00:04Z"}]}
                """.formatted(DELIVERED, app.accountId()));
        String failure = "{\"code\":131026,\"title\":\"Message undeliverable\",\"detail\":\"Receiver is incapable\","
                + "\"reason\":\"PERMANENT\"}";
        projector.answer(FAILED, 200, """
                {"message_id":"%s","status":"failed","account_id":"%s","recipient":"+14155550123",
                 "kind":"INTERACTIVE_BUTTON","reference":"order-7","wamid":null,"accepted_at":"2025-12-19T11:00:00Z",
                 "updated_at":"2025-12-19T11:00:02Z","attempts":1,"error":%s,"timeline":[{"status":"queued",
                 "at":"2025-12-19T11:00:00Z"},{"status":"failed","at":"2025-12-19T11:00:02Z","error":%s}]}
                """.formatted(FAILED, app.accountId(), failure, failure));
        projector.answer(OTHERS, 200, """
                {"message_id":"%s","status":"sent","account_id":"acct-someone-else","recipient":"+919876543210",
                 "kind":"TEXT","reference":"test-msg-001","accepted_at":"2025-12-19T12:00:00Z","timeline":[]}
                """.formatted(OTHERS));
        projector.answer(RESTORING, 503, "{\"code\":\"STORE_NOT_READY\"}");
    }

    @AfterAll
    static void stop() {
        app.close();
        projector.close();
    }

    private static Answer get(String pathAndQuery) {
        return client.valid("GET", pathAndQuery, null, "X-API-Key", app.apiKey());
    }

    private static Answer lookup(String json) {
        return client.valid("POST", MESSAGES + "/status", json, "Content-Type", "application/json",
                "X-API-Key", app.apiKey());
    }

    private static void refused(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
    }

    private static Answer refusedGet(String pathAndQuery, int status, String code, String... headers) {
        Answer answer = client.invalid("GET", pathAndQuery, (byte[]) null, headers.length == 0
                ? new String[] {"X-API-Key", app.apiKey()} : headers);
        refused(answer, status, code);
        return answer;
    }

    private static Answer refusedLookup(String body, int status, String code, String... headers) {
        Answer answer = client.invalid("POST", MESSAGES + "/status", body, headers.length == 0
                ? new String[] {"Content-Type", "application/json", "X-API-Key", app.apiKey()} : headers);
        refused(answer, status, code);
        return answer;
    }

    @Test
    @Order(1)
    void oneMessageAnswersAsDocumented() {
        JsonNode delivered = get(MESSAGES + "/" + DELIVERED).json().path("data");
        assertThat(delivered.path("direction").asText()).isEqualTo("outbound");
        assertThat(delivered.path("timeline").get(2).path("whatsapp_timestamp").asText())
                .isEqualTo("2025-12-19T10:00:04.000Z");
        JsonNode error = get(MESSAGES + "/" + FAILED).json().path("data").path("error");
        assertThat(error.path("code").isInt()).isTrue();
        assertThat(error.path("message").asText()).isEqualTo("Receiver is incapable");
        String accepted = IngressApp.json(app.postText(app.apiKey(), "{\"to\":\"+919876543210\",\"message\":"
                + "\"just now\"}")).path("data").path("message_id").asText();
        assertThat(get(MESSAGES + "/" + accepted).json().path("data").path("status").asText()).isEqualTo("queued");

        refusedGet(MESSAGES + "/" + UUID.randomUUID(), 404, "MESSAGE_NOT_FOUND");
        refusedGet(MESSAGES + "/" + OTHERS, 404, "MESSAGE_NOT_FOUND");
        refusedGet(MESSAGES + "/" + RESTORING, 503, "STATUS_UNAVAILABLE");
        refusedGet(MESSAGES + "/" + DELIVERED, 401, "INVALID_API_KEY", "X-API-Key", "pk_live_wrong");
        refusedGet(MESSAGES + "/" + DELIVERED, 403, "PERMISSION_DENIED", "X-API-Key",
                app.createKey(60, Permission.SEND_TEXT));
        assertThat(refusedGet(MESSAGES + "/text", 405, "METHOD_NOT_ALLOWED").header("Allow")).isEqualTo("POST");
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(2)
    void theBatchLookupAnswersAsDocumented() {
        JsonNode data = lookup("{\"message_ids\":[\"" + FAILED + "\",\"" + DELIVERED + "\",\"" + OTHERS
                + "\",\"nope\",\"" + FAILED + "\"]}").json().path("data");
        assertThat(data.path("messages").findValuesAsText("message_id")).containsExactly(FAILED, DELIVERED);
        assertThat(data.path("not_found").toString()).isEqualTo("[\"" + OTHERS + "\",\"nope\"]");

        refusedLookup("{}", 400, "VALIDATION_ERROR");
        refusedLookup("{\"message_ids\":[]}", 400, "VALIDATION_ERROR");
        refusedLookup("{\"message_ids\":[" + IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",")) + "]}", 400, "VALIDATION_ERROR");
        refusedLookup("{\"message_ids\":[42]}", 400, "VALIDATION_ERROR");
        refusedLookup("{\"message_ids\":[\"" + DELIVERED + "\"],\"limit\":5}", 400, "VALIDATION_ERROR");
        refusedLookup("message_ids=" + DELIVERED, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", "text/plain",
                "X-API-Key", app.apiKey());
        refusedLookup("{\"message_ids\":[\"" + DELIVERED + "\"]}", 401, "INVALID_API_KEY",
                "Content-Type", "application/json");
        refusedLookup("{\"message_ids\":[\"" + DELIVERED + "\"]}", 403, "PERMISSION_DENIED",
                "Content-Type", "application/json", "X-API-Key", app.createKey(60, Permission.SEND_MEDIA));
        refusedLookup("{\"message_ids\":[\"" + DELIVERED + "\",\"" + RESTORING + "\"]}", 503, "STATUS_UNAVAILABLE");
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(3)
    void theOutboundListingAnswersAsDocumented() {
        assertThat(get(MESSAGES + "?reference=test-msg-001").json().path("data").findValuesAsText("message_id"))
                .containsExactly(DELIVERED);
        Answer first = get(MESSAGES + "?direction=outbound&status=delivered,failed&limit=1");
        assertThat(first.json().path("data").get(0).path("message_id").asText()).isEqualTo(FAILED);
        JsonNode pagination = first.json().path("meta").path("pagination");
        assertThat(pagination.path("has_more").asBoolean()).isTrue();
        Answer next = get(MESSAGES + "?direction=outbound&status=delivered,failed&limit=1&cursor="
                + pagination.path("next_cursor").asText());
        assertThat(next.json().path("data").get(0).path("message_id").asText()).isEqualTo(DELIVERED);
        assertThat(get(MESSAGES + "?to=%2B14155550123&since=2025-12-19T00:00:00Z&until=2025-12-20T00:00:00Z")
                .json().path("data")).hasSize(1);

        refusedGet(MESSAGES + "?to=abc", 400, "INVALID_PHONE_NUMBER");
        refusedGet(MESSAGES + "?direction=outbound&from=%2B919876543210", 400, "VALIDATION_ERROR");
        refusedGet(MESSAGES + "?direction=inbound&reference=order-7", 400, "VALIDATION_ERROR");
        refusedGet(MESSAGES + "?direction=outbound&campaign=x", 400, "VALIDATION_ERROR");
        refusedGet(MESSAGES + "?status=lost", 400, "VALIDATION_ERROR");
        refusedGet(MESSAGES + "?direction=outbound", 401, "INVALID_API_KEY", "X-API-Key", "pk_live_wrong");
        projector.searchUnavailable(true);
        try {
            refusedGet(MESSAGES + "?direction=outbound", 503, "STATUS_UNAVAILABLE");
        } finally {
            projector.searchUnavailable(false);
        }
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(4)
    void everyStatusOperationAnsweredASuccessAndItsErrors() {
        assertThat(OPERATIONS).allMatch(client::succeeded);
        assertThat(client.exercised()).contains("getMessage 401", "getMessage 403", "getMessage 404",
                "getMessage 405", "getMessage 503", "getMessageStatuses 400", "getMessageStatuses 401",
                "getMessageStatuses 403", "getMessageStatuses 415", "getMessageStatuses 503", "listMessages 200",
                "listMessages 400", "listMessages 401", "listMessages 503");
    }
}
