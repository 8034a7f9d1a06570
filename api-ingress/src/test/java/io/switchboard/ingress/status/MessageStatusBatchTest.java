package io.switchboard.ingress.status;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/external/messages/status}: up to 100 statuses in one call, only the caller's own. */
class MessageStatusBatchTest {

    private static final String PATH = "/messages/status";
    private static final Instant T0 = Instant.parse("2025-12-19T10:00:00.000Z");
    private static StandInProjector projector;
    private static IngressApp app;
    private static final String OWN_1 = UUID.randomUUID().toString();
    private static final String OWN_2 = UUID.randomUUID().toString();
    private static final String OTHER_ACCOUNTS = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        projector = new StandInProjector();
        app = IngressApp.start(Map.of("switchboard.ingress.status-query-url", projector.url()));
        projector.put(StandInProjector.status(OWN_1, app.accountId(), "delivered", "+919876543210", "a", T0));
        projector.put(StandInProjector.status(OWN_2, app.accountId(), "read", "+919876543210", "b", T0));
        projector.put(StandInProjector.status(OTHER_ACCOUNTS, "acct-other", "sent", "+919876543210", "c", T0));
    }

    @AfterAll
    static void stop() {
        app.close();
        projector.close();
    }

    @BeforeEach
    void available() {
        projector.unavailable = false;
    }

    @Test
    void answersEachOwnMessageOnceInTheOrderAskedAndNamesEveryOtherIdNotFound() {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> response = app.post(PATH, app.apiKey(), ids(OWN_2, OTHER_ACCOUNTS, unknown, "not-a-uuid",
                OWN_1.toUpperCase(), OWN_2));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(data.get("messages")).extracting(m -> m.get("message_id").asText()).containsExactly(OWN_2, OWN_1);
        assertThat(data.get("messages").get(0).get("status").asText()).isEqualTo("read");
        assertThat(data.get("not_found")).extracting(JsonNode::asText)
                .containsExactly(OTHER_ACCOUNTS, unknown, "not-a-uuid");
        JsonNode single = json(app.get("/api/v1/external/messages/" + OWN_1, app.apiKey())).get("data");
        assertThat(data.get("messages").get(1)).isEqualTo(single);
    }

    @Test
    void aBodyThatIsNotAListOfOneToAHundredIdsIsRefused() {
        List<String> tooMany = new ArrayList<>(Collections.nCopies(101, OWN_1));
        for (int i = 0; i < tooMany.size(); i++) {
            tooMany.set(i, UUID.randomUUID().toString());
        }
        Map<String, String> refusals = Map.of(
                "{}", "message_ids is required",
                "{\"message_ids\":[]}", "message_ids must list 1 to 100 message ids",
                ids(tooMany.toArray(String[]::new)), "split them over several calls",
                "{\"message_ids\":[\"" + OWN_1 + "\", 7]}", "message_ids[1] must be a message id",
                "{\"message_ids\":[\"" + OWN_1 + "\"],\"ids\":[]}", "unknown field 'ids'",
                "[\"" + OWN_1 + "\"]", "Request body must be a JSON object");
        refusals.forEach((body, message) -> {
            HttpResponse<String> response = app.post(PATH, app.apiKey(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("error").get("message").asText()).as(body).contains(message);
        });
        HttpResponse<String> text = app.send("POST", "/api/v1/external" + PATH,
                ids(OWN_1).getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain", "X-API-Key", app.apiKey());
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void needsViewMessagesAndAnswers503WhenStatusesCannotBeRead() {
        String sender = app.createKey(60, Permission.SEND_TEXT);
        assertThat(app.post(PATH, sender, ids(OWN_1)).statusCode()).isEqualTo(403);
        assertThat(app.post(PATH, "pk_live_nobody", ids(OWN_1)).statusCode()).isEqualTo(401);

        projector.unavailable = true;
        HttpResponse<String> response = app.post(PATH, app.apiKey(), ids(OWN_1));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("STATUS_UNAVAILABLE");
    }

    private static String ids(String... ids) {
        return "{\"message_ids\":[" + String.join(",", java.util.Arrays.stream(ids).map(id -> "\"" + id + "\"")
                .toList()) + "]}";
    }
}
