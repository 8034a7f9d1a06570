package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.InboundAndWindowTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template catalogue per WABA, over real HTTP: the lists are separate, a number sends only its own WABA's
 * templates, and {@code /_sim/wabas} adds, replaces, pauses and deletes templates and WABAs at run time.
 */
class WabaTemplatesTest {

    private static final String DEFAULT_WABA = "500000000000005";
    private static final String CONFIGURED_WABA = "500000000000006";
    private static final String CONFIGURED_NUMBER = "600000000000006";
    private static final String REORDER = "{\"name\":\"reorder_reminder\",\"language\":\"de\",\"status\":\"APPROVED\","
            + "\"category\":\"MARKETING\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hallo {{1}}!\"}]}";

    @TempDir
    static Path dir;
    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() throws IOException {
        Path file = dir.resolve("second.json");
        Files.writeString(file, "{\"data\":[" + REORDER + "]}");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.waba-id", DEFAULT_WABA,
                "simulator.window.mode", "off",
                "simulator.templates.waba-files." + CONFIGURED_WABA, file.toString(),
                "simulator.templates.phone-numbers." + CONFIGURED_NUMBER, CONFIGURED_WABA));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWabaConfiguredAtStartUpHasOnlyItsOwnTemplatesAndItsNumberSendsOnlyThose() {
        List<Map<String, Object>> data = (List<Map<String, Object>>) http.jsonOf(list(CONFIGURED_WABA)).get("data");
        assertThat(data).extracting(t -> t.get("name")).containsExactly("reorder_reminder");

        assertThat(http.sendFrom(CONFIGURED_NUMBER, send("reorder_reminder", "de", body("Jo"))).statusCode())
                .isEqualTo(200);
        assertCode(http.sendFrom(CONFIGURED_NUMBER, send("welcome_message", "en", null)), 132001);
        assertCode(http.send(send("reorder_reminder", "de", body("Jo"))), 132001);
    }

    @Test
    @SuppressWarnings("unchecked")
    void templatesAreAddedPausedAndDeletedAtRunTime() {
        String waba = "500000000000007";
        String number = "600000000000007";
        assertCode(list(waba), 100);

        assertThat(http.method("PUT", "/_sim/wabas/" + waba, "").statusCode()).isEqualTo(200);
        assertThat(http.jsonOf(list(waba))).containsEntry("data", List.of());
        HttpResponse<String> assigned = http.method("PUT", "/_sim/wabas/" + waba + "/phone-numbers/" + number, "");
        assertThat(http.jsonOf(assigned)).containsEntry("phone_numbers", List.of(number))
                .containsEntry("templates", 0);
        assertCode(http.sendFrom(number, send("reorder_reminder", "de", body("Jo"))), 132001);

        HttpResponse<String> added = http.post("/_sim/wabas/" + waba + "/templates", null, REORDER);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(http.sendFrom(number, send("reorder_reminder", "de", body("Jo"))).statusCode()).isEqualTo(200);
        assertThat((List<Object>) http.jsonOf(list(waba)).get("data")).hasSize(1);

        HttpResponse<String> paused = http.method("PATCH", "/_sim/wabas/" + waba
                + "/templates/reorder_reminder?language=de", "{\"status\":\"paused\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertCode(http.sendFrom(number, send("reorder_reminder", "de", body("Jo"))), 132015);
        assertThat(http.method("PATCH", "/_sim/wabas/" + waba + "/templates/reorder_reminder",
                "{\"status\":\"sleepy\"}").statusCode()).isEqualTo(400);

        String replaced = REORDER.replace("Hallo {{1}}!", "Hallo {{1}}, {{2}}!");
        assertThat(http.post("/_sim/wabas/" + waba + "/templates", null, "[" + replaced + "]").statusCode())
                .isEqualTo(201);
        assertCode(http.sendFrom(number, send("reorder_reminder", "de", body("Jo"))), 132000);

        assertThat(http.method("DELETE", "/_sim/wabas/" + waba + "/templates/reorder_reminder", "").statusCode())
                .isEqualTo(204);
        assertThat(http.method("DELETE", "/_sim/wabas/" + waba + "/templates/reorder_reminder", "").statusCode())
                .isEqualTo(404);
        assertThat(http.jsonOf(list(waba))).containsEntry("data", List.of());

        assertThat(http.method("DELETE", "/_sim/wabas/" + waba, "").statusCode()).isEqualTo(204);
        assertCode(list(waba), 100);
        // The number falls back to the default WABA.
        assertThat(http.sendFrom(number, send("welcome_message", "en", null)).statusCode()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWabaListShowsEveryWabaAndBadRequestsSayWhy() {
        List<Map<String, Object>> wabas = (List<Map<String, Object>>) http.jsonOf(http.get("/_sim/wabas"))
                .get("wabas");
        assertThat(wabas).anySatisfy(w -> assertThat(w).containsEntry("id", DEFAULT_WABA)
                .containsEntry("default", true).containsEntry("templates", 19));
        assertThat(wabas).anySatisfy(w -> assertThat(w).containsEntry("id", CONFIGURED_WABA)
                .containsEntry("phone_numbers", List.of(CONFIGURED_NUMBER)).containsEntry("templates", 1));

        HttpResponse<String> malformed = http.post("/_sim/wabas/500000000000008/templates", null,
                "{\"name\":\"x\",\"language\":\"en\",\"components\":[]}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat((String) http.jsonOf(malformed).get("error")).contains("template field \"status\" is required");
        assertThat(http.method("PUT", "/_sim/wabas/not-a-waba", "").statusCode()).isEqualTo(400);
        assertThat(http.method("PATCH", "/_sim/wabas/" + DEFAULT_WABA + "/templates/nope",
                "{\"status\":\"PAUSED\"}").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> list(String waba) {
        return http.get("/v23.0/" + waba + "/message_templates", "Bearer " + SimulatorHttp.TOKEN);
    }

    private static String body(String value) {
        return "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"" + value + "\"}]}]";
    }

    private static String send(String name, String language, String components) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"+491701234567\",\"type\":\"template\",\"template\":"
                + "{\"name\":\"" + name + "\",\"language\":{\"code\":\"" + language + "\"}"
                + (components == null ? "" : ",\"components\":" + components) + "}}";
    }

    private static void assertCode(HttpResponse<String> response, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(map(http.jsonOf(response), "error")).containsEntry("code", code);
    }
}
