package io.switchboard.simulator;

import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A send accepted but never answered in time: the caller times out, yet the message lives on through webhooks. */
class TimeoutFaultTest {

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.status-delay", "20ms",
                "simulator.window.mode", "off"));
        receiver = simulator.receiver();
        server = simulator.server();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsTheSendAndPostsItsStatusesWithTheCallbackDataWhileTheCallerTimesOut() {
        http.post("/_sim/stats/reset", null, "");
        http.method("PUT", "/_sim/faults", "{\"timeouts\":{\"count\":1,\"hold_ms\":60000}}");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/v23.0/106540352242922/messages"))
                .timeout(Duration.ofSeconds(1))
                .header("Authorization", "Bearer " + SimulatorHttp.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"to\":"
                        + "\"+919876543210\",\"type\":\"text\",\"text\":{\"body\":\"Your code is 4821\"},"
                        + "\"biz_opaque_callback_data\":\"msg-timeout-1\"}"))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedFor("msg-timeout-1"))
                .extracting(post -> post.text().replaceAll(".*\"status\":\"([a-z]+)\".*", "$1"))
                .containsExactly("sent", "delivered", "read"));
        List<Map<String, Object>> recorded = (List<Map<String, Object>>) http.jsonOf(http.get("/_sim/messages"))
                .get("messages");
        assertThat(recorded).anySatisfy(message ->
                assertThat(message).containsEntry("biz_opaque_callback_data", "msg-timeout-1"));
        assertThat(http.get("/_sim/stats").body()).contains("\"timeouts\":1");

        // The count is used up: the next send is answered at once.
        assertThat(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",\"type\":\"text\","
                + "\"text\":{\"body\":\"hi\"}}").statusCode()).isEqualTo(200);
    }
}
