package io.switchboard.ingress.http;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A send path asked with another method than POST is 405 METHOD_NOT_ALLOWED with {@code Allow: POST} and a message
 * saying how to send, never 404 MESSAGE_NOT_FOUND (which {@code GET /messages/text} was: "text" read as a message id).
 */
class SendPathMethodsTest {

    private static final List<String> SEND_PATHS = List.of("text", "template", "template/send", "interactive/list",
            "interactive/button", "media");

    private static IngressApp app;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyOtherMethodOnASendPathIs405WithAllowPost() {
        for (String path : SEND_PATHS) {
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                HttpResponse<String> response = app.send(method, "/api/v1/external/messages/" + path,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(),
                        "X-API-Key", app.apiKey(), "Content-Type", "application/json");

                String what = method + " " + path;
                assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as(what).hasValue("POST");
                JsonNode error = json(response).get("error");
                assertThat(error.get("code").asText()).as(what).isEqualTo("METHOD_NOT_ALLOWED");
                assertThat(error.get("message").asText()).as(what)
                        .isEqualTo(method + " is not allowed on /api/v1/external/messages/" + path + ": messages are "
                                + "sent with POST (a JSON body and your X-API-Key). A message's status is at GET "
                                + "/api/v1/external/messages/{message_id}.");
                assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            }
        }
    }

    @Test
    void aStatusQueryIsStillAGet() {
        HttpResponse<String> response = app.get("/api/v1/external/messages/not-a-uuid", app.apiKey());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
    }
}
