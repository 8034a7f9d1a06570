package io.switchboard.ingress.status;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.TestInfrastructure;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A status query right after the 202, before the projector has applied the message (here a stand-in projector that
 * knows nothing of it): {@code queued} from the ingress's own record, set by the send gate in its one Redis round
 * trip; never 404, and never for another account.
 */
class StatusRightAfterAcceptanceTest {

    private static StandInProjector projector;
    private static IngressApp app;
    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void start() throws Exception {
        projector = new StandInProjector();
        app = IngressApp.start(Map.of("switchboard.ingress.status-query-url", projector.url()));
        redis = RedisClient.create(TestInfrastructure.redis().uri());
        connection = redis.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        redis.shutdown();
        app.close();
        projector.close();
    }

    @Test
    void theMessageIsQueuedAtOnceForItsAccount() {
        String id = send("lost-ref-1");

        HttpResponse<String> response = app.get("/api/v1/external/messages/" + id, app.apiKey());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(data.get("message_id").asText()).isEqualTo(id);
        assertThat(data.get("status").asText()).isEqualTo("queued");
        assertThat(data.get("to").asText()).isEqualTo("+919876543210");
        assertThat(data.get("reference").asText()).isEqualTo("lost-ref-1");
        assertThat(data.get("type").asText()).isEqualTo("text");
        assertThat(data.get("created_at").asText()).endsWith("Z");
        assertThat(data.get("timeline")).hasSize(1);
        assertThat(data.get("timeline").get(0).get("status").asText()).isEqualTo("queued");
        assertThat(connection.sync().pttl("acc:" + id)).as("lives accepted-ttl (5 min)").isBetween(1L, 300_000L);
    }

    @Test
    void aBatchLookupRightAfterTheSendAnswersQueuedToo() {
        String id = send("lost-ref-2");

        JsonNode data = json(app.post("/messages/status", app.apiKey(), "{\"message_ids\":[\"" + id + "\"]}"))
                .get("data");

        assertThat(data.get("messages")).hasSize(1);
        assertThat(data.get("messages").get(0).get("status").asText()).isEqualTo("queued");
        assertThat(data.get("not_found")).isEmpty();
    }

    @Test
    void anotherAccountsKeyStillFindsNothing() {
        String id = send("lost-ref-3");
        String secret = "pk_live_" + UUID.randomUUID().toString().replace("-", "");
        ApiKey foreign = app.newKey(secret, 60, true, List.of(Permission.VIEW_MESSAGES));
        foreign.setAccountId("acct-someone-else");
        IngressApp.publish(foreign);
        org.awaitility.Awaitility.await().until(() -> app.get("/api/v1/external/messages/" + UUID.randomUUID(),
                secret).statusCode() == 404);

        HttpResponse<String> response = app.get("/api/v1/external/messages/" + id, secret);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
    }

    @Test
    void whatTheProjectorLearntBeforeTheAcceptanceIsShownWithTheAcceptedMetadata() {
        String id = send("lost-ref-4");
        ObjectNode early = StandInProjector.status(id, null, "sent", null, null, Instant.now());
        early.putNull("account_id").putNull("recipient").putNull("reference").putNull("kind").putNull("accepted_at");
        projector.put(early);

        JsonNode data = json(app.get("/api/v1/external/messages/" + id, app.apiKey())).get("data");

        assertThat(data.get("status").asText()).isEqualTo("sent");
        assertThat(data.get("reference").asText()).isEqualTo("lost-ref-4");
        assertThat(data.get("to").asText()).isEqualTo("+919876543210");
    }

    private static String send(String reference) {
        HttpResponse<String> accepted = app.postText(app.apiKey(), "{\"to\":\"+919876543210\",\"message\":\"Your order "
                + "has shipped\",\"reference\":\"" + reference + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).get("data").get("message_id").asText();
    }
}
