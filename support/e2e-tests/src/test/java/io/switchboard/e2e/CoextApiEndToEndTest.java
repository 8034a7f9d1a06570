package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.local.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The Coext External API on the whole platform with the Cloud API simulator: templates synchronised from the simulator
 * and sent as the seeds write them, the 24-hour window, interactive and media messages, keys made through the admin
 * API, request signing and idempotency keys. Every accepted message is followed to the status WhatsApp reports.
 */
class CoextApiEndToEndTest {

    private final Platform platform = RunningPlatform.get();
    private final String api = platform.apiUrl();
    private final String key = RunningPlatform.API_KEY;

    @Test
    void seed000sRawAndNamedTemplatesAndSeed001sNamedTemplateAreDeliveredToCustomersWhoNeverWrote() {
        String raw = accepted(Http.post(api + "/messages/template", key, """
                {"to": "+919811100001", "template_name": "order_confirmation", "language": "en",
                 "components": [{"type": "body", "parameters": [
                   {"type": "text", "text": "John Doe"}, {"type": "text", "text": "ORD-12345"},
                   {"type": "text", "text": "$99.99"}]}]}"""));
        Http.Answer named000 = Http.post(api + "/messages/template/send", key, """
                {"to": "+919811100002", "template_name": "order_confirmation", "language": "en",
                 "variables": {"customer_name": "John Doe", "order_id": "ORD-12345", "total_amount": "$99.99",
                               "delivery_date": "December 25, 2025"},
                 "reference": "order-12345"}""");
        String named001 = accepted(Http.post(api + "/messages/template/send", key, """
                {"to": "+1234567890", "template_name": "order_confirmation", "language": "en",
                 "variables": {"customer_name": "John Doe", "order_id": "ORD-12345", "total": "99.99"},
                 "reference": "my-order-123"}"""));

        assertThat(named000.body().path("data").path("warnings").toString()).contains("delivery_date");
        for (String id : new String[] {raw, accepted(named000), named001}) {
            assertThat(awaitStatus(id, "read").path("type").asText()).isEqualTo("template");
        }
    }

    @Test
    void templatesAreListedFromTheCloudApiAndCheckedBeforeTheyAreQueued() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Http.get(api + "/templates", key).body().path("data").toString())
                        .contains("order_confirmation").contains("shipping_update"));
        JsonNode template = Http.get(api + "/templates/order_confirmation?language=en", key).body();
        assertThat(template.toString()).contains("customer_name").contains("APPROVED");

        Http.Answer pending = Http.post(api + "/messages/template/send", key,
                "{\"to\":\"+919811100003\",\"template_name\":\"summer_sale\",\"language\":\"en\",\"variables\":{}}");
        Http.Answer unknown = Http.post(api + "/messages/template/send", key,
                "{\"to\":\"+919811100003\",\"template_name\":\"no_such_template\",\"language\":\"en\",\"variables\":{}}");
        Http.Answer missing = Http.post(api + "/messages/template/send", key, "{\"to\":\"+919811100003\","
                + "\"template_name\":\"order_confirmation\",\"language\":\"en\",\"variables\":{\"customer_name\":\"J\"}}");

        assertThat(pending.body().path("error").path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").path("code").asText()).isEqualTo("TEMPLATE_NOT_FOUND");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("error").path("code").asText()).isEqualTo("TEMPLATE_VARIABLE_MISSING");
        assertThat(missing.body().path("error").path("message").asText()).contains("order_id");
    }

    @Test
    void freeFormMessagesWaitForTheCustomerToWriteFirst() {
        String stranger = "+447700900123";
        Http.Answer refused = Http.post(api + "/messages/text", key,
                "{\"to\":\"" + stranger + "\",\"message\":\"Hello\"}");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW");
        assertThat(refused.body().path("error").path("message").asText()).containsIgnoringCase("template");

        Customers.writeToTheBusiness(platform, stranger);

        awaitStatus(accepted(Http.post(api + "/messages/text", key,
                "{\"to\":\"" + stranger + "\",\"message\":\"Hello\"}")), "read");
    }

    @Test
    void seed003sInteractiveMessagesAndMediaByLinkAndByUploadReachTheCustomer() {
        String customer = "+919876500003";
        Customers.writeToTheBusiness(platform, customer);
        String list = accepted(Http.post(api + "/messages/interactive/list", key, """
                {"to": "%s", "header": "Our Products", "body": "Browse our popular products!",
                 "footer": "Tap View Catalog to see options", "button": "View Catalog",
                 "sections": [{"title": "Electronics", "rows": [
                   {"id": "prod_laptop_001", "title": "Laptop Pro 15", "description": "High-performance laptop - $999"},
                   {"id": "prod_phone_001", "title": "SmartPhone X", "description": "Latest flagship phone - $799"}]}],
                 "reference": "catalog-browse-001"}""".formatted(customer)));
        String buttons = accepted(Http.post(api + "/messages/interactive/button", key, """
                {"to": "%s", "header": {"type": "image", "image": {"link": "https://example.com/laptop.jpg"}},
                 "body": "Laptop Pro 15 is back in stock!", "buttons": [
                   {"id": "buy_laptop_001", "title": "Buy Now"}, {"id": "details_laptop_001", "title": "View Details"}],
                 "reference": "restock-notify-laptop"}""".formatted(customer)));
        String byLink = accepted(Http.post(api + "/messages/media", key, """
                {"to": "%s", "type": "document", "link": "https://example.com/invoice.pdf",
                 "filename": "invoice.pdf", "caption": "Your invoice"}""".formatted(customer)));
        String png = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b00000000049454e44ae426082"));
        String byUpload = accepted(Http.post(api + "/messages/media", key, """
                {"to": "%s", "type": "image", "base64": "%s", "mime_type": "image/png", "caption": "A pixel"}"""
                .formatted(customer, png)));

        for (String id : new String[] {list, buttons, byLink, byUpload}) {
            awaitStatus(id, "read");
        }
        Http.Answer tap = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + customer + "\",\"button_reply\":{\"id\":\"buy_laptop_001\",\"title\":\"Buy Now\"}}");
        assertThat(tap.status()).isEqualTo(200);
    }

    @Test
    void keysMadeThroughTheAdminApiWorkAtOnceWithinTheirPermissionsAndStopWhenDeactivated() {
        String customer = "+919876500004";
        Customers.writeToTheBusiness(platform, customer);
        JsonNode created = admin("POST", "/keys", """
                {"name": "Support tool", "account_id": "demo", "permissions": ["send_text", "view_messages"],
                 "rate_limit": 100, "daily_limit": 1000}""").body().path("data");
        String newKey = created.path("api_key").asText();
        assertThat(newKey).startsWith("pk_live_");
        assertThat(created.path("api_secret").asText()).startsWith("sk_live_");
        assertThat(admin("GET", "/keys/" + created.path("id").asText(), null).body().toString())
                .doesNotContain(newKey).doesNotContain(created.path("api_secret").asText());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Http.post(api + "/messages/text", newKey,
                "{\"to\":\"" + customer + "\",\"message\":\"From the support tool\"}").status()).isEqualTo(202));
        assertThat(Http.post(api + "/messages/template/send", newKey, "{\"to\":\"" + customer + "\","
                + "\"template_name\":\"welcome_message\",\"language\":\"en\",\"variables\":{}}").status()).isEqualTo(403);

        admin("POST", "/keys/" + created.path("id").asText() + "/deactivate", null);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Http.post(api + "/messages/text", newKey,
                "{\"to\":\"" + customer + "\",\"message\":\"Still there?\"}").status()).isEqualTo(401));
    }

    @Test
    void aKeyThatRequiresSignaturesAcceptsOnlySignedRequestsAndEachSignatureOnce() throws Exception {
        String customer = "+919876500005";
        Customers.writeToTheBusiness(platform, customer);
        JsonNode created = admin("POST", "/keys", """
                {"name": "Signed integration", "account_id": "demo", "permissions": ["send_text"],
                 "require_signature": true}""").body().path("data");
        String signedKey = created.path("api_key").asText();
        String secret = created.path("api_secret").asText();
        String body = "{\"to\":\"" + customer + "\",\"message\":\"Signed hello\"}";

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Http.post(api + "/messages/text",
                signedKey, body).body().path("error").path("code").asText()).isEqualTo("SIGNATURE_REQUIRED"));
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest signed = HttpRequest.newBuilder(URI.create(api + "/messages/text"))
                .header("Content-Type", "application/json").header("X-API-Key", signedKey)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", "sha256=" + hmac(secret, timestamp + "\nPOST\n/api/v1/external/messages/text\n"
                        + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> first = client.send(signed, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replay = client.send(signed, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("SIGNATURE_REPLAYED");
    }

    @Test
    void theSameIdempotencyKeyQueuesOnceAndAnswersTheSame() throws Exception {
        String customer = "+919876500006";
        Customers.writeToTheBusiness(platform, customer);
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"to\":\"" + customer + "\",\"message\":\"Your code is 4711\"}";
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/messages/text"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build();

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherBody = client.send(HttpRequest.newBuilder(URI.create(api + "/messages/text"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("4711", "4712"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        String firstId = Http.parse(first.body()).path("data").path("message_id").asText();
        assertThat(Http.parse(again.body()).path("data").path("message_id").asText()).isEqualTo(firstId);
        assertThat(otherBody.statusCode()).isEqualTo(422);
        awaitStatus(firstId, "read");
        long sentToThisCustomer = 0;
        for (JsonNode sent : Http.get(platform.simulatorUrl() + "/_sim/messages?limit=1000", null).body()
                .path("messages")) {
            if (sent.path("to").asText().replace("+", "").equals(customer.substring(1))) {
                sentToThisCustomer++;
            }
        }
        assertThat(sentToThisCustomer).isEqualTo(1);
    }

    private Http.Answer admin(String method, String path, String json) {
        Http.Answer answer = Http.send(method, platform.apiUrl().replace("/external", "/admin") + path,
                "Bearer " + RunningPlatform.ADMIN_TOKEN, json);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return answer;
    }

    private static String accepted(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return answer.body().path("data").path("message_id").asText();
    }

    private JsonNode awaitStatus(String messageId, String expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = Http.get(api + "/messages/" + messageId, key).body().path("data");
            assertThat(last[0].path("status").asText()).as(last[0].toString()).isEqualTo(expected);
        });
        return last[0];
    }

    private static String hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
