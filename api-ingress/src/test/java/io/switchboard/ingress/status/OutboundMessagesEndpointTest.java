package io.switchboard.ingress.status;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.Permission;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/external/messages} for the messages an account sent, against a stand-in projector serving the
 * documented internal search contract: a lost message found by its reference, paging, every filter as the projector
 * is asked it, every refusal, tenant isolation, and items shaped exactly like the single status query.
 */
class OutboundMessagesEndpointTest {

    private static final String PATH = "/api/v1/external/messages";
    private static final Instant T0 = Instant.parse("2025-12-19T10:00:00.000Z");
    private static StandInProjector projector;
    private static IngressApp app;
    /** This account's message ids, oldest first. */
    private static final List<String> sent = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        projector = new StandInProjector();
        app = IngressApp.start(Map.of("switchboard.ingress.status-query-url", projector.url()));
        for (int i = 0; i < 12; i++) {
            String id = UUID.randomUUID().toString();
            sent.add(id);
            projector.put(StandInProjector.status(id, app.accountId(), i % 4 == 3 ? "failed" : "delivered",
                    i % 2 == 0 ? "+919876543210" : "+14155550123", "order-" + (i % 3), T0.plusSeconds(i)));
        }
        for (int i = 0; i < 3; i++) {
            projector.put(StandInProjector.status(UUID.randomUUID().toString(), "acct-other", "delivered",
                    "+919876543210", "order-1", T0.plusSeconds(100 + i)));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
        projector.close();
    }

    @BeforeEach
    void forget() {
        projector.searches.clear();
        projector.searchedAccounts.clear();
        projector.unavailable = false;
    }

    @Test
    void aMessageWhoseIdWasLostIsFoundByItsReference() {
        HttpResponse<String> response = app.get(PATH + "?reference=order-1", app.apiKey());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(ids(body)).containsExactly(sent.get(10), sent.get(7), sent.get(4), sent.get(1));
        assertThat(body.get("data").get(0).get("direction").asText()).isEqualTo("outbound");
        assertThat(body.get("data").get(0).get("reference").asText()).isEqualTo("order-1");
        assertThat(projector.searchedAccounts).containsOnly(app.accountId());
        assertThat(body.get("meta").get("pagination").get("has_more").asBoolean()).isFalse();
        assertThat(body.get("meta").get("pagination").get("next_cursor").isNull()).isTrue();
    }

    @Test
    void directionOutboundListsEveryMessageNewestFirstPagedWithACursor() {
        List<String> listed = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = json(app.get(PATH + "?direction=outbound&limit=5" + cursor, app.apiKey()));
            listed.addAll(ids(body));
            JsonNode pagination = body.get("meta").get("pagination");
            assertThat(pagination.get("limit").asInt()).isEqualTo(5);
            if (!pagination.get("has_more").asBoolean()) {
                break;
            }
            cursor = "&cursor=" + pagination.get("next_cursor").asText();
        }

        List<String> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).isEqualTo(newestFirst);
    }

    @Test
    void everyFilterReachesTheIndexSearch() {
        HttpResponse<String> response = app.get(PATH + "?to=+14155550123&status=FAILED,delivered"
                + "&since=2025-12-19T10:00:02Z&until=" + encode("2025-12-19T15:30:09+05:30") + "&limit=3", app.apiKey());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(projector.searches.get(0)).containsEntry("recipient", "+14155550123")
                .containsEntry("status", "failed,delivered")
                .containsEntry("since_ms", Long.toString(T0.plusSeconds(2).toEpochMilli()))
                .containsEntry("until_ms", Long.toString(T0.plusSeconds(9).toEpochMilli()))
                .containsEntry("limit", "3");
        assertThat(ids(json(response))).containsExactly(sent.get(7), sent.get(5), sent.get(3));
    }

    @Test
    void aListedMessageLooksExactlyAsItsStatusQueryShowsIt() {
        JsonNode listed = json(app.get(PATH + "?reference=order-2&limit=1", app.apiKey())).get("data").get(0);

        JsonNode single = json(app.get(PATH + "/" + listed.get("message_id").asText(), app.apiKey())).get("data");

        assertThat(listed).isEqualTo(single);
    }

    @Test
    void filtersThatCannotBeAppliedAreRefusedByNameAndNothingIsSearched() {
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("?reference=x&colour=red", "unknown query parameter 'colour'");
        refusals.put("?direction=outbound&from=%2B919876543210", "from filters inbound messages");
        refusals.put("?status=lost", "status must be one or more of queued, sent, delivered, read, failed, expired");
        refusals.put("?direction=outbound&limit=0", "limit must be a whole number from 1 to 100");
        refusals.put("?direction=outbound&cursor=bm9wZQ", "cursor is not valid");
        refusals.put("?direction=outbound&since=2025-12-19T10:00:00Z&until=2025-12-19T09:00:00Z",
                "since must be before until");
        refusals.put("?direction=outbound&since=yesterday", "since must be an ISO-8601 date-time");
        refusals.put("?direction=inbound&reference=order-1", "reference filters outbound messages");
        refusals.put("?reference=" + "r".repeat(101), "reference must be 1 to 100 characters");
        refusals.forEach((query, message) -> {
            HttpResponse<String> response = app.get(PATH + query, app.apiKey());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(json(response).get("error").get("message").asText()).as(query).contains(message);
        });
        HttpResponse<String> badNumber = app.get(PATH + "?to=12", app.apiKey());
        assertThat(json(badNumber).get("error").get("code").asText()).isEqualTo("INVALID_PHONE_NUMBER");
        assertThat(projector.searches).isEmpty();
    }

    @Test
    void listingNeedsAKeyWithViewMessagesAndAnUnavailableIndexIs503() {
        String sender = app.createKey(60, Permission.SEND_TEXT);
        assertThat(app.get(PATH + "?direction=outbound", sender).statusCode()).isEqualTo(403);
        assertThat(app.get(PATH + "?direction=outbound", "pk_live_nobody").statusCode()).isEqualTo(401);
        assertThat(app.get(PATH + "?direction=inbound&reference=x", "pk_live_nobody").statusCode()).isEqualTo(401);

        projector.unavailable = true;
        HttpResponse<String> response = app.get(PATH + "?reference=order-1", app.apiKey());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("STATUS_UNAVAILABLE");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(item -> ids.add(item.get("message_id").asText()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
