package io.switchboard.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.SimulatorHttp.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /_sim/inbound} over real HTTP to a real receiver, and the customer-service window in sync mode. */
class InboundAndWindowTest {

    private static final String APP_SECRET = "inbound-app-secret";
    private static final String WABA_ID = "300000000000003";
    private static final String DISPLAY = "15550783881";

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.app-secret", APP_SECRET,
                "simulator.waba-id", WABA_ID,
                "simulator.display-phone-number", DISPLAY,
                "simulator.default-phone-number-id", PHONE_NUMBER_ID,
                "simulator.status-delay", "20ms",
                "simulator.webhook-retry-delay", "100ms"));
        receiver = simulator.receiver();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void inboundTextIsPostedAsASignedMetaMessageWebhook() {
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> response = inbound("{\"from\":\"+919876543210\",\"text\":\"Hi\","
                + "\"profile_name\":\"Sheena Nelson\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> answer = http.jsonOf(response);
        String wamid = (String) answer.get("wamid");
        assertThat(wamid).startsWith("wamid.HBg");
        assertThat(answer).containsEntry("delivered_to_webhook", true);
        WebhookReceiver.Received post = receiver.receivedFor(wamid).get(0);
        assertThat(post.signature()).isEqualTo("sha256=" + hmacHex(post.body()));
        assertThat(post.contentType()).isEqualTo("application/json");
        Map<String, Object> notification = http.parse(post.text());
        assertThat(notification.get("object")).isEqualTo("whatsapp_business_account");
        Map<String, Object> entry = first(notification, "entry");
        assertThat(entry.get("id")).isEqualTo(WABA_ID);
        Map<String, Object> change = first(entry, "changes");
        assertThat(change.get("field")).isEqualTo("messages");
        Map<String, Object> value = map(change, "value");
        assertThat(value.get("messaging_product")).isEqualTo("whatsapp");
        assertThat(value.get("metadata")).isEqualTo(Map.of("display_phone_number", DISPLAY,
                "phone_number_id", PHONE_NUMBER_ID));
        assertThat(value.get("contacts")).isEqualTo(List.of(Map.of("profile", Map.of("name", "Sheena Nelson"),
                "wa_id", "919876543210")));
        assertThat(value).doesNotContainKey("statuses");
        Map<String, Object> message = first(value, "messages");
        assertThat(message).containsOnlyKeys("from", "id", "timestamp", "type", "text")
                .containsEntry("from", "919876543210").containsEntry("id", wamid).containsEntry("type", "text")
                .containsEntry("text", Map.of("body", "Hi"));
        assertThat(Long.parseLong((String) message.get("timestamp"))).isBetween(before, Instant.now().getEpochSecond());
    }

    @Test
    void buttonReplyCarriesTheInteractiveShapeAndTheQuotedContext() {
        HttpResponse<String> response = inbound("{\"from\":\"919876543211\",\"to_phone_number_id\":\"200000000000777\","
                + "\"button_reply\":{\"id\":\"confirm_order_12345\",\"title\":\"Confirm\"},"
                + "\"context_wamid\":\"wamid.BUSINESS1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> value = valueOf((String) http.jsonOf(response).get("wamid"));
        assertThat(value.get("metadata")).isEqualTo(Map.of("display_phone_number", DISPLAY,
                "phone_number_id", "200000000000777"));
        assertThat(value.get("contacts")).isEqualTo(List.of(Map.of("profile", Map.of("name", "Customer 3211"),
                "wa_id", "919876543211")));
        Map<String, Object> message = first(value, "messages");
        assertThat(message).containsEntry("type", "interactive")
                .containsEntry("context", Map.of("from", DISPLAY, "id", "wamid.BUSINESS1"))
                .containsEntry("interactive", Map.of("type", "button_reply",
                        "button_reply", Map.of("id", "confirm_order_12345", "title", "Confirm")));
    }

    @Test
    void listReplyWithoutContextQuotesTheLastInteractiveMessageSentToTheCustomer() {
        inbound("{\"from\":\"+919876543212\",\"text\":\"menu please\"}");
        String listWamid = http.wamidOf(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543212\","
                + "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"Pick one\"},"
                + "\"action\":{\"button\":\"View\",\"sections\":[{\"rows\":[{\"id\":\"prod_laptop_001\","
                + "\"title\":\"Laptop Pro 15\",\"description\":\"High-performance laptop - $999\"}]}]}}}"));

        HttpResponse<String> response = inbound("{\"from\":\"+919876543212\",\"list_reply\":{\"id\":"
                + "\"prod_laptop_001\",\"title\":\"Laptop Pro 15\",\"description\":\"High-performance laptop - $999\"}}");

        Map<String, Object> message = first(valueOf((String) http.jsonOf(response).get("wamid")), "messages");
        assertThat(message).containsEntry("context", Map.of("from", DISPLAY, "id", listWamid))
                .containsEntry("interactive", Map.of("type", "list_reply", "list_reply", Map.of(
                        "id", "prod_laptop_001", "title", "Laptop Pro 15",
                        "description", "High-performance laptop - $999")));
    }

    @Test
    void quickReplyTapOnATemplateIsAButtonMessageQuotingTheTemplate() {
        String templateWamid = http.wamidOf(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543214\","
                + "\"type\":\"template\",\"template\":{\"name\":\"welcome_message\",\"language\":{\"code\":\"en\"}}}"));

        HttpResponse<String> response = inbound("{\"from\":\"+919876543214\",\"button\":{\"payload\":"
                + "\"confirm_order_12345\",\"text\":\"Confirm\"}}");

        Map<String, Object> message = first(valueOf((String) http.jsonOf(response).get("wamid")), "messages");
        assertThat(message).containsEntry("type", "button")
                .containsEntry("button", Map.of("payload", "confirm_order_12345", "text", "Confirm"))
                .containsEntry("context", Map.of("from", DISPLAY, "id", templateWamid));
    }

    @Test
    void inboundImageCarriesTheUploadedMediasIdTypeHashAndCaption() {
        HttpResponse<String> uploaded = http.upload("/v23.0/" + PHONE_NUMBER_ID + "/media", "Bearer " + SimulatorHttp.TOKEN,
                Map.of("messaging_product", "whatsapp"), "photo.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String mediaId = (String) http.jsonOf(uploaded).get("id");

        HttpResponse<String> response = inbound("{\"from\":\"+919876543215\",\"image\":{\"id\":\"" + mediaId
                + "\",\"caption\":\"my receipt\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> message = first(valueOf((String) http.jsonOf(response).get("wamid")), "messages");
        assertThat(message).containsEntry("type", "image").doesNotContainKey("context");
        assertThat(map(message, "image")).containsEntry("id", mediaId).containsEntry("caption", "my receipt")
                .containsEntry("mime_type", "image/jpeg").containsKey("sha256");
        HttpResponse<String> unknown = inbound("{\"from\":\"+919876543215\",\"document\":{\"id\":\"404404\"}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat((String) http.jsonOf(unknown).get("error")).contains("document.id");
    }

    @Test
    void answers202WhileTheInboundWebhookIsRedelivered() {
        String marker = "retry-me-" + System.nanoTime();
        receiver.failFirst(marker, 1);

        HttpResponse<String> response = inbound("{\"from\":\"+919876543213\",\"text\":\"" + marker + "\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(http.jsonOf(response)).containsEntry("delivered_to_webhook", false)
                .containsEntry("redelivering", true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedFor(marker))
                .extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 200));
    }

    @Test
    void refusesBadInboundBodiesWith400AndAClearMessage() {
        assertBadInbound("{\"text\":\"Hi\"}", "\"from\" is required");
        assertBadInbound("{\"from\":\"abc\",\"text\":\"Hi\"}", "\"from\" must be a phone number");
        assertBadInbound("{\"from\":\"+919876543210\"}", "Exactly one of");
        assertBadInbound("{\"from\":\"+919876543210\",\"text\":\"Hi\",\"button_reply\":{\"id\":\"a\",\"title\":\"b\"}}",
                "Exactly one of");
        assertBadInbound("{\"from\":\"+919876543210\",\"button_reply\":{\"id\":\"a\"}}",
                "\"button_reply.title\" is required");
        assertBadInbound("{\"from\":\"+919876543210\",\"button_reply\":{\"id\":\"a\",\"title\":\""
                + "x".repeat(21) + "\"}}", "at most 20");
        assertBadInbound("{\"from\":\"+919876543210\",\"text\":\"\"}", "must not be empty");
        assertBadInbound("not json", "not valid JSON");
    }

    @Test
    void refusesFreeFormOutsideTheWindowWith131047AndAcceptsItAfterTheCustomerWrote() {
        String customer = "+919800000001";
        HttpResponse<String> refused = http.send(text(customer));

        assertThat(refused.statusCode()).isEqualTo(400);
        Map<String, Object> error = map(http.jsonOf(refused), "error");
        assertThat(error).containsEntry("code", 131047).containsEntry("message", "(#131047) Re-engagement message");
        assertThat(map(error, "error_data")).containsEntry("details", "Message failed to send because more than 24"
                + " hours have passed since the customer last replied to this number.");

        assertThat(inbound("{\"from\":\"" + customer + "\",\"text\":\"Hi\"}").statusCode()).isEqualTo(200);

        assertThat(http.send(text(customer)).statusCode()).isEqualTo(200);
        assertThat(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + customer + "\",\"type\":\"reaction\","
                + "\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"👍\"}}").statusCode()).isEqualTo(200);
    }

    @Test
    void theWindowIsPerBusinessNumberAndReactionsNeedItToo() {
        String customer = "+919800000002";
        inbound("{\"from\":\"" + customer + "\",\"to_phone_number_id\":\"999999999\",\"text\":\"Hi\"}");

        assertThat(errorCode(http.send(text(customer)))).isEqualTo(131047);
        assertThat(errorCode(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + customer + "\","
                + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"👍\"}}")))
                .isEqualTo(131047);
    }

    @Test
    void templatesAreAllowedOutsideTheWindow() {
        HttpResponse<String> response = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919800000003\","
                + "\"type\":\"template\",\"template\":{\"name\":\"welcome_message\",\"language\":{\"code\":\"en\"}}}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void simWindowOpensAndClosesAWindowWithoutAWebhook() {
        String customer = "+919800000004";
        HttpResponse<String> opened = http.post("/_sim/window", null,
                "{\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\",\"customer\":\"" + customer + "\",\"open\":true}");
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(http.jsonOf(opened)).containsEntry("open", true).containsEntry("customer", "919800000004")
                .containsKey("closes_at");
        assertThat(http.send(text(customer)).statusCode()).isEqualTo(200);

        http.post("/_sim/window", null, "{\"customer\":\"" + customer + "\",\"open\":false}");
        assertThat(errorCode(http.send(text(customer)))).isEqualTo(131047);
        assertThat(receiver.receivedFor("919800000004")).allMatch(post -> !post.text().contains("\"contacts\""));
        assertThat(http.post("/_sim/window", null, "{\"customer\":\"" + customer + "\"}").statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> inbound(String body) {
        return http.post("/_sim/inbound", null, body);
    }

    private static void assertBadInbound(String body, String message) {
        HttpResponse<String> response = inbound(body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat((String) http.jsonOf(response).get("error")).as(body).contains(message);
    }

    private static String text(String to) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}";
    }

    private static int errorCode(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return (Integer) map(http.jsonOf(response), "error").get("code");
    }

    private static Map<String, Object> valueOf(String wamid) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.receivedFor(wamid).isEmpty());
        return map(first(first(http.parse(receiver.receivedFor(wamid).get(0).text()), "entry"), "changes"), "value");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> parent, String key) {
        return ((List<Map<String, Object>>) parent.get(key)).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static String hmacHex(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
