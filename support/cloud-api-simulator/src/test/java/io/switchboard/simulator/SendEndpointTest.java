package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.SimulatorHttp.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The send endpoint over real HTTP, with no webhook URL configured. */
class SendEndpointTest {

    private static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"+919876543210\",\"type\":\"text\",\"text\":{\"body\":\"Your order shipped\"},"
            + "\"biz_opaque_callback_data\":\"msg-123\"}";

    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                // These tests send free-form messages to customers who never wrote: no window to enforce.
                "simulator.window.mode", "off"));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsAValidTextAndAnswersWithAWamid() {
        HttpResponse<String> response = http.send(TEXT);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = http.jsonOf(response);
        assertThat(body.get("messaging_product")).isEqualTo("whatsapp");
        assertThat((List<Map<String, Object>>) body.get("contacts"))
                .containsExactly(Map.of("input", "+919876543210", "wa_id", "919876543210"));
        Map<String, Object> message = ((List<Map<String, Object>>) body.get("messages")).get(0);
        assertThat((String) message.get("id")).startsWith("wamid.HBg").hasSizeGreaterThan(40);
        assertThat(message).doesNotContainKey("message_status");
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsATemplateWithMessageStatusAccepted() {
        HttpResponse<String> response = http.post("/" + PHONE_NUMBER_ID + "/messages", "Bearer " + SimulatorHttp.TOKEN,
                "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"template\",\"template\":"
                        + "{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> message = ((List<Map<String, Object>>) http.jsonOf(response).get("messages")).get(0);
        assertThat(message.get("message_status")).isEqualTo("accepted");
    }

    @Test
    void rejectsAMissingTokenWith401AndCode190() {
        HttpResponse<String> response = http.post("/v23.0/" + PHONE_NUMBER_ID + "/messages", null, TEXT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorOf(response)).containsEntry("code", 190).containsEntry("type", "OAuthException")
                .containsEntry("message", "(#190) Invalid OAuth access token");
    }

    @Test
    void rejectsAWrongTokenWith401AndCode190() {
        HttpResponse<String> response = http.post("/v23.0/" + PHONE_NUMBER_ID + "/messages", "Bearer nope", TEXT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorOf(response)).containsEntry("code", 190);
        assertThat(response.body()).doesNotContain(SimulatorHttp.TOKEN);
    }

    @Test
    void rejectsTextOver4096CharactersWithMetasErrorEnvelope() {
        HttpResponse<String> response = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\","
                + "\"type\":\"text\",\"text\":{\"body\":\"" + "a".repeat(4097) + "\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> error = errorOf(response);
        assertThat(error).containsEntry("message", "(#131009) Parameter value is not valid")
                .containsEntry("type", "OAuthException").containsEntry("code", 131009);
        assertThat(error.get("error_data")).isEqualTo(Map.of("messaging_product", "whatsapp",
                "details", "Param text['body'] must be at most 4096 characters long (got 4097)."));
        assertThat((String) error.get("fbtrace_id")).hasSizeGreaterThan(10);
    }

    @Test
    void rejectsAnInteractiveMessageWithFourReplyButtons() {
        StringBuilder buttons = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            buttons.append(i == 1 ? "" : ",").append("{\"type\":\"reply\",\"reply\":{\"id\":\"b").append(i)
                    .append("\",\"title\":\"Option ").append(i).append("\"}}");
        }
        HttpResponse<String> response = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\","
                + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick one\"},"
                + "\"action\":{\"buttons\":[" + buttons + "]}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        Map<String, Object> error = errorOf(response);
        assertThat(error).containsEntry("code", 131009);
        assertThat((String) ((Map<String, Object>) error.get("error_data")).get("details"))
                .startsWith("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3");
    }

    @Test
    void rejectsAnUnknownTypeWith131051AndMalformedJsonWith100() {
        HttpResponse<String> unknown = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\","
                + "\"type\":\"poll\",\"poll\":{}}");
        HttpResponse<String> malformed = http.send("{\"messaging_product\":");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(errorOf(unknown)).containsEntry("code", 131051)
                .containsEntry("message", "(#131051) Unsupported message type");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(errorOf(malformed)).containsEntry("code", 100).containsEntry("message", "(#100) Invalid parameter");
    }

    @Test
    void answersMarkAsReadWithSuccess() {
        HttpResponse<String> response = http.send("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                + "\"message_id\":\"wamid.INBOUND\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.jsonOf(response)).isEqualTo(Map.of("success", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsSendsNewestFirstAndFindsThemByWamid() {
        assertThat(http.delete("/_sim/messages").statusCode()).isEqualTo(204);
        String first = http.wamidOf(http.send(TEXT));
        String second = http.wamidOf(http.send(TEXT.replace("Your order shipped", "It arrived")));

        List<Map<String, Object>> messages =
                (List<Map<String, Object>>) http.jsonOf(http.get("/_sim/messages")).get("messages");
        assertThat(messages).extracting(m -> m.get("wamid")).containsExactly(second, first);
        Map<String, Object> latest = messages.get(0);
        assertThat(latest).containsEntry("to", "+919876543210").containsEntry("wa_id", "919876543210")
                .containsEntry("type", "text").containsEntry("phone_number_id", PHONE_NUMBER_ID)
                .containsEntry("biz_opaque_callback_data", "msg-123").containsKey("accepted_at");
        assertThat(((Map<String, Object>) latest.get("request")).get("text"))
                .isEqualTo(Map.of("body", "It arrived"));

        HttpResponse<String> one = http.get("/_sim/messages/" + first);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(http.jsonOf(one)).containsEntry("wamid", first);
        assertThat(http.get("/_sim/messages/wamid.UNKNOWN").statusCode()).isEqualTo(404);
        assertThat(http.jsonOf(http.get("/_sim/messages?limit=1")).get("messages")).asList().hasSize(1);

        assertThat(http.delete("/_sim/messages").statusCode()).isEqualTo(204);
        assertThat(http.jsonOf(http.get("/_sim/messages")).get("messages")).asList().isEmpty();
    }

    @Test
    void servesHealthAndPrometheusMetrics() {
        http.send(TEXT);
        http.post("/v23.0/" + PHONE_NUMBER_ID + "/messages", null, TEXT);

        HttpResponse<String> health = http.get("/health");
        HttpResponse<String> prometheus = http.get("/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(http.jsonOf(health)).containsEntry("status", "UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("simulator_sends_accepted_total{type=\"text\"}")
                .contains("simulator_sends_rejected_total{code=\"190\"}");
    }

    @SuppressWarnings("unchecked")
    @Test
    void inboundIsRefusedWith409WhenNoWebhookUrlIsSet() {
        HttpResponse<String> response = http.post("/_sim/inbound", null, "{\"from\":\"+919876543210\",\"text\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat((String) http.jsonOf(response).get("error")).contains("simulator.webhook-url is not set");
    }

    private static Map<String, Object> errorOf(HttpResponse<String> response) {
        return (Map<String, Object>) http.jsonOf(response).get("error");
    }
}
