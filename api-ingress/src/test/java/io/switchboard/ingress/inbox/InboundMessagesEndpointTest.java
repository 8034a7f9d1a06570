package io.switchboard.ingress.inbox;

import static io.switchboard.ingress.support.IngressApp.json;
import static io.switchboard.ingress.support.InboundMessages.customer;
import static io.switchboard.ingress.support.InboundMessages.message;
import static io.switchboard.ingress.support.InboundMessages.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.InboundLocation;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.InboundReply;
import io.switchboard.schemas.avro.Permission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/external/messages?direction=inbound}: messages published on inbound-messages (as webhook-ingest
 * publishes them) are listed for the key of the receiving number, newest first, in WhatsApp's shapes, with replies
 * linked to our message id through a stand-in status-projector ({@code /internal/wamids}), filtered by sender and
 * time and paged with a cursor, over the real broker, registry and Redis.
 */
class InboundMessagesEndpointTest {

    static final String OUR_WAMID = "wamid.HBgMOURS" + UUID.randomUUID().toString().replace("-", "");
    static final String OUR_MESSAGE_ID = UUID.randomUUID().toString();

    private static HttpServer projector;
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() throws IOException {
        projector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        projector.createContext("/internal/wamids/", InboundMessagesEndpointTest::answer);
        projector.start();
        peer = new CloudApiPeer();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.status-query-url", "http://127.0.0.1:" + projector.getAddress().getPort());
        app = IngressApp.start(config);
        key = app.createKey(1000, Permission.VIEW_MESSAGES);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
        projector.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String wamid = exchange.getRequestURI().getPath().substring("/internal/wamids/".length());
        boolean ours = wamid.equals(OUR_WAMID);
        byte[] body = (ours ? "{\"message_id\":\"" + OUR_MESSAGE_ID + "\",\"wamid\":\"" + wamid + "\"}"
                : "{\"code\":\"MESSAGE_NOT_FOUND\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(ours ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void everyKindOfMessageIsListedNewestFirstInWhatsAppsShape() {
        String customer = customer();
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        publish(message(app.phoneNumberId(), customer, "wamid.t-" + run, at, "text")
                .setText("Is my order shipped?")
                .setRawJson("{\"from\":\"x\",\"type\":\"text\",\"text\":{\"body\":\"Is my order shipped?\"}}").build());
        publish(message(app.phoneNumberId(), customer, "wamid.i-" + run, at.plusSeconds(1), "image")
                .setText("The parcel")
                .setMedia(new InboundMedia("1037543291543636", "image/jpeg", "c0ffee", null, false))
                .setRawJson("{\"type\":\"image\",\"image\":{\"caption\":\"The parcel\",\"mime_type\":\"image/jpeg\","
                        + "\"sha256\":\"c0ffee\",\"id\":\"1037543291543636\"}}").build());
        publish(message(app.phoneNumberId(), customer, "wamid.b-" + run, at.plusSeconds(2), "interactive")
                .setReply(new InboundReply("button_reply", "confirm", "Confirm", null, null))
                .setContextWamid(OUR_WAMID).setContextFrom("15550783881").setRawJson("{}").build());
        publish(message(app.phoneNumberId(), customer, "wamid.l-" + run, at.plusSeconds(3), "location")
                .setLocation(new InboundLocation(12.9716, 77.5946, "Office", "MG Road")).setRawJson("{}").build());
        publish(message(app.phoneNumberId(), customer, "wamid.c-" + run, at.plusSeconds(4), "contacts")
                .setRawJson("{\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Ravi\"},"
                        + "\"phones\":[{\"phone\":\"+919812345678\",\"type\":\"CELL\"}]}]}").build());
        publish(message(app.phoneNumberId(), customer, "wamid.r-" + run, at.plusSeconds(5), "text")
                .setText("And this?").setContextWamid("wamid.somebody-else").setRawJson("{}").build());
        publish(message("999000" + run.hashCode(), customer, "wamid.x-" + run, at.plusSeconds(6), "text")
                .setText("to another number").setRawJson("{}").build());

        JsonNode data = awaitListing("?direction=inbound&from=" + customer.replace("+", "%2B"), 6);

        assertThat(data).extracting(item -> item.get("id").asText()).containsExactly("wamid.r-" + run,
                "wamid.c-" + run, "wamid.l-" + run, "wamid.b-" + run, "wamid.i-" + run, "wamid.t-" + run);
        JsonNode text = data.get(5);
        assertThat(text.get("from").asText()).isEqualTo(customer);
        assertThat(text.get("to").asText()).isEqualTo("+15550783881");
        assertThat(text.get("phone_number_id").asText()).isEqualTo(app.phoneNumberId());
        assertThat(text.get("profile_name").asText()).isEqualTo("Aditi Rao");
        assertThat(text.get("direction").asText()).isEqualTo("inbound");
        assertThat(text.get("received_at").asText()).isEqualTo(at.toString().replace("Z", ".000Z"));
        assertThat(text.get("type").asText()).isEqualTo("text");
        assertThat(text.get("text").get("body").asText()).isEqualTo("Is my order shipped?");
        assertThat(text.get("context").isNull()).isTrue();
        JsonNode image = data.get(4).get("image");
        assertThat(image.get("id").asText()).isEqualTo("1037543291543636");
        assertThat(image.get("mime_type").asText()).isEqualTo("image/jpeg");
        assertThat(image.get("caption").asText()).isEqualTo("The parcel");
        JsonNode button = data.get(3);
        assertThat(button.get("interactive").get("type").asText()).isEqualTo("button_reply");
        assertThat(button.get("interactive").get("button_reply").get("id").asText()).isEqualTo("confirm");
        assertThat(button.get("context").get("wamid").asText()).isEqualTo(OUR_WAMID);
        assertThat(button.get("context").get("message_id").asText()).isEqualTo(OUR_MESSAGE_ID);
        assertThat(data.get(2).get("location").get("latitude").asDouble()).isEqualTo(12.9716);
        assertThat(data.get(2).get("location").get("name").asText()).isEqualTo("Office");
        assertThat(data.get(1).get("contacts").get(0).get("phones").get(0).get("phone").asText())
                .isEqualTo("+919812345678");
        assertThat(data.get(0).get("context").get("wamid").asText()).isEqualTo("wamid.somebody-else");
        assertThat(data.get(0).get("context").get("message_id").isNull()).isTrue();
    }

    @Test
    void aBatchReceivedAtOneInstantIsPagedWithoutLossOrRepeat() {
        String customer = customer();
        Instant at = Instant.now().minus(3, ChronoUnit.HOURS);
        List<String> wamids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String wamid = "wamid.batch-" + UUID.randomUUID();
            wamids.add(wamid);
            publish(message(app.phoneNumberId(), customer, wamid, at, "text").setText("line " + i)
                    .setRawJson("{}").build());
        }
        String from = "&from=" + customer.replace("+", "%2B");
        awaitListing("?limit=100" + from, 7);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            HttpResponse<String> response = app.get("/api/v1/external/messages?limit=3" + from
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            body.get("data").forEach(item -> seen.add(item.get("id").asText()));
            JsonNode pagination = body.get("meta").get("pagination");
            assertThat(pagination.get("limit").asInt()).isEqualTo(3);
            assertThat(pagination.get("has_more").asBoolean()).isEqualTo(page < 2);
            cursor = pagination.get("next_cursor").isNull() ? null : pagination.get("next_cursor").asText();
        }

        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(wamids);
        assertThat(cursor).isNull();
    }

    @Test
    void sinceAndUntilSelectByReceivedTimeAndPlusSignsArriveUnencoded() {
        String customer = customer();
        Instant base = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.between(Instant.parse(
                "2025-01-01T00:00:00Z"), Instant.now().minus(5, ChronoUnit.DAYS))).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 4; i++) {
            publish(message(app.phoneNumberId(), customer, "wamid.when-" + i + "-" + customer, base.plusSeconds(60L * i),
                    "text").setText("minute " + i).setRawJson("{}").build());
        }
        awaitListing("?from=" + customer.replace("+", "%2B"), 4);

        // A literal "+" in a query string is read as a space; both the number and the offset survive it.
        HttpResponse<String> response = app.get("/api/v1/external/messages?direction=INBOUND&from=" + customer
                + "&since=" + base.plusSeconds(60) + "&until=" + base.plusSeconds(180).atOffset(
                java.time.ZoneOffset.ofHoursMinutes(5, 30)), key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("data")).extracting(item -> item.get("text").get("body").asText())
                .containsExactly("minute 2", "minute 1");
    }

    @Test
    void refusalsAreInTheEnvelope() {
        assertThat(app.send("GET", "/api/v1/external/messages", null).statusCode()).isEqualTo(401);
        String sender = app.createKey(100, Permission.SEND_TEXT);
        HttpResponse<String> forbidden = app.get("/api/v1/external/messages", sender);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("error").get("code").asText()).isEqualTo("PERMISSION_DENIED");

        // direction=outbound is the outbound listing now (status/OutboundMessagesEndpointTest).
        for (String query : List.of("?direction=sideways", "?limit=0", "?limit=101", "?limit=ten",
                "?since=yesterday", "?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z", "?cursor=%21%21", "?cursor=MTIzOg",
                "?cursor=bm9wZQ")) {
            HttpResponse<String> response = app.get("/api/v1/external/messages" + query, key);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("success").asBoolean()).isFalse();
        }
        HttpResponse<String> phone = app.get("/api/v1/external/messages?from=12ab", key);
        assertThat(json(phone).get("error").get("code").asText()).isEqualTo("INVALID_PHONE_NUMBER");
    }

    @Test
    void anEmptyInboxIsAnEmptyPage() {
        HttpResponse<String> response = app.get("/api/v1/external/messages?from=%2B4915100000000", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("data")).isEmpty();
        assertThat(json(response).get("meta").get("pagination").get("has_more").asBoolean()).isFalse();
        assertThat(json(response).get("meta").get("request_id").asText()).startsWith("req_");
    }

    private static JsonNode awaitListing(String query, int expected) {
        JsonNode[] data = new JsonNode[1];
        await("listed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = app.get("/api/v1/external/messages" + query, key);
            data[0] = response.statusCode() == 200 ? json(response).get("data") : null;
            return data[0] != null && data[0].size() == expected;
        });
        return data[0];
    }
}
