package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.ContractClient;
import io.switchboard.ingress.support.ContractClient.Answer;
import io.switchboard.ingress.support.InboundMessages;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.OpenApiSpec;
import io.switchboard.ingress.support.StatusProjectorStandIn;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.schemas.avro.InboundMedia;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The inbound listing, media downloads and template queries of a running api-ingress, each answer (successes and
 * errors) checked against the OpenAPI document with the Atlassian validator, as in {@link OpenApiSendAnswersTest}
 * (the outbound listing and status queries: {@link OpenApiStatusAnswersTest}). The status-projector is a stand-in
 * answering the projector's contract; WhatsApp's media and templates come from a {@link CloudApiPeer}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiQueryAnswersTest {

    static final List<String> OPERATIONS = List.of("listMessages", "downloadMedia", "listTemplates", "getTemplate");

    private static final String DELIVERED = "550e8400-e29b-41d4-a716-446655440000";
    private static CloudApiPeer peer;
    private static StatusProjectorStandIn projector;
    private static IngressApp app;
    private static ContractClient client;
    private static String customer;
    private static final String MEDIA_ID = "1037543291543636";

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        projector = new StatusProjectorStandIn();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.putAll(projector.config());
        app = IngressApp.start(config);
        client = new ContractClient(OpenApiSpec.shipped(), app.uri("").toString());
        projector.knowWamid("wamid.ours", DELIVERED);
        customerWrites();
        await("templates synchronised").atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
    }

    /** A customer sends a photo, then replies to one of our messages; both are listed once read from Kafka. */
    private static void customerWrites() {
        customer = InboundMessages.customer();
        peer.addMedia(MEDIA_ID, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, "image/jpeg");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        InboundMessages.publish(InboundMessages.message(app.phoneNumberId(), customer, "wamid.i-" + run, at, "image")
                .setText("The parcel").setMedia(InboundMedia.newBuilder().setId(MEDIA_ID).setMimeType("image/jpeg")
                        .setSha256("8f43b1c3").build())
                .setRawJson("{\"type\":\"image\",\"image\":{\"caption\":\"The parcel\",\"mime_type\":\"image/jpeg\","
                        + "\"sha256\":\"8f43b1c3\",\"id\":\"" + MEDIA_ID + "\"}}").build());
        InboundMessages.publish(InboundMessages.message(app.phoneNumberId(), customer, "wamid.t-" + run,
                        at.plusSeconds(5), "text").setText("Thanks!").setContextWamid("wamid.ours")
                .setRawJson("{\"type\":\"text\",\"text\":{\"body\":\"Thanks!\"},\"context\":{\"id\":\"wamid.ours\"}}")
                .build());
        await("inbound listed").atMost(Duration.ofSeconds(20)).until(() -> app.get("/api/v1/external/messages?from="
                + customer.replace("+", "%2B"), app.apiKey()).body().contains("Thanks!"));
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
        projector.close();
    }

    private static Answer get(String pathAndQuery) {
        return client.valid("GET", pathAndQuery, null, "X-API-Key", app.apiKey());
    }

    private static Answer refused(String pathAndQuery, int status, String code, String... headers) {
        Answer answer = client.invalid("GET", pathAndQuery, (byte[]) null, headers.length == 0
                ? new String[] {"X-API-Key", app.apiKey()} : headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
        return answer;
    }

    @Test
    @Order(2)
    void theInboundListingAndMediaAnswerAsDocumented() {
        String from = customer.replace("+", "%2B");
        Answer page = get("/api/v1/external/messages?direction=inbound&from=" + from + "&limit=1");
        assertThat(page.json().path("data").get(0).path("context").path("message_id").asText()).isEqualTo(DELIVERED);
        String cursor = page.json().path("meta").path("pagination").path("next_cursor").asText();
        Answer next = get("/api/v1/external/messages?from=" + from + "&limit=1&cursor=" + cursor
                + "&since=2020-01-01T00:00:00Z");
        assertThat(next.json().path("data").get(0).path("type").asText()).isEqualTo("image");
        refused("/api/v1/external/messages?direction=sideways", 400, "VALIDATION_ERROR");
        refused("/api/v1/external/messages?from=abc", 400, "INVALID_PHONE_NUMBER");
        refused("/api/v1/external/messages?direction=inbound", 401, "INVALID_API_KEY", "X-API-Key", "pk_live_wrong");

        Answer media = get("/api/v1/external/media/" + MEDIA_ID);
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.header("Content-Type")).startsWith("image/jpeg");
        refused("/api/v1/external/media/999", 404, "MEDIA_NOT_FOUND");
        peer.answerLookupWith(503);
        try {
            refused("/api/v1/external/media/" + MEDIA_ID, 502, "MEDIA_DOWNLOAD_FAILED");
        } finally {
            peer.answerLookupWith(200);
        }
        String sender = app.createKey(60, io.switchboard.schemas.avro.Permission.SEND_TEXT);
        refused("/api/v1/external/media/" + MEDIA_ID, 403, "PERMISSION_DENIED", "X-API-Key", sender);
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(3)
    void templateQueriesAnswerAsDocumented() {
        assertThat(get("/api/v1/external/templates").json().path("data")).hasSize(8);
        assertThat(get("/api/v1/external/templates?status=approved&language=en").json().path("data")).isNotEmpty();
        assertThat(get("/api/v1/external/templates/order_confirmation").json().path("data").isArray()).isTrue();
        JsonNode code = get("/api/v1/external/templates/otp_code?language=en").json().path("data").path("variables")
                .get(0);
        assertThat(code.path("name").asText()).isEqualTo("code");
        assertThat(code.path("fills")).hasSize(2);
        assertThat(code.path("required").asBoolean()).isTrue();
        assertThat(code.path("aliases")).isNotEmpty();
        refused("/api/v1/external/templates/no_such_template", 404, "TEMPLATE_NOT_FOUND");
        refused("/api/v1/external/templates", 403, "PERMISSION_DENIED", "X-API-Key",
                app.createKey(60, io.switchboard.schemas.avro.Permission.SEND_TEXT));
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(4)
    void everyQueryOperationAnsweredASuccessAndItsErrors() {
        assertThat(OPERATIONS).allMatch(client::succeeded);
        assertThat(client.exercised()).contains("listMessages 400", "listMessages 401", "downloadMedia 403",
                "downloadMedia 404", "downloadMedia 502", "getTemplate 404", "listTemplates 403");
    }
}
