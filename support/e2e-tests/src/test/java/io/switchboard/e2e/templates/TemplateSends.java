package io.switchboard.e2e.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.local.Platform;
import java.time.Duration;
import java.util.Set;

/** Template sends through the public API, followed to WhatsApp's answer, and what the simulator received. */
final class TemplateSends {

    /** The statuses that say WhatsApp took the message. */
    static final Set<String> SENT = Set.of("sent", "delivered", "read");

    private final Platform platform;
    private final String key;

    TemplateSends(Platform platform, String key) {
        this.platform = platform;
        this.key = key;
    }

    JsonHttp.Answer sendByName(String body) {
        return JsonHttp.call("POST", platform.apiUrl() + "/messages/template/send", body, "X-API-Key", key);
    }

    /** The message id of a 202. */
    static String accepted(JsonHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return answer.body().path("data").path("message_id").asText();
    }

    /** Waits until WhatsApp took the message (sent or later); a failure ends the wait with WhatsApp's error. */
    JsonNode awaitSent(String messageId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = JsonHttp.call("GET", platform.apiUrl() + "/messages/" + messageId, null, "X-API-Key", key)
                    .body().path("data");
            String status = last[0].path("status").asText();
            assertThat(status).as(last[0].toString()).isNotIn("failed", "expired");
            return SENT.contains(status);
        });
        return last[0];
    }

    /** The template object of the request the simulator accepted for this message. */
    JsonNode received(String messageId) {
        JsonNode messages = JsonHttp.call("GET", platform.simulatorUrl() + "/_sim/messages?limit=1000", null).body()
                .path("messages");
        for (JsonNode message : messages) {
            if (messageId.equals(message.path("biz_opaque_callback_data").asText())) {
                return message.path("request").path("template");
            }
        }
        throw new AssertionError("the simulator has no message " + messageId);
    }

    /** The ingress's own base URL (health, admin API). */
    String ingressUrl() {
        return platform.apiUrl().substring(0, platform.apiUrl().indexOf("/api/v1/external"));
    }
}
