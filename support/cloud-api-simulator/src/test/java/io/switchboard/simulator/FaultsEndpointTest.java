package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /_sim/faults} changed at run time over real HTTP, and injected errors as a caller sees them. */
class FaultsEndpointTest {

    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.window.mode", "off",
                "simulator.faults.plan", "{\"latency\":{\"distribution\":\"fixed\",\"median_ms\":1}}"));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void resetFaults() {
        http.delete("/_sim/faults");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesTheStartUpPlanWithMetasLimitsAndTheConfiguredPlanMergedIn() {
        Map<String, Object> plan = http.jsonOf(http.get("/_sim/faults"));

        assertThat((Map<String, Object>) plan.get("throughput")).containsEntry("enabled", true)
                .containsEntry("mps", 80.0).containsEntry("http_status", 400);
        assertThat((Map<String, Object>) plan.get("pair_rate")).containsEntry("enabled", true)
                .containsEntry("burst", 45).containsEntry("interval_ms", 6000);
        assertThat((Map<String, Object>) plan.get("latency")).containsEntry("distribution", "fixed")
                .containsEntry("median_ms", 1);
        assertThat((Map<String, Object>) plan.get("timeouts")).containsEntry("rate", 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void putReplacesPatchMergesAndDeleteRestoresTheStartUpPlan() {
        HttpResponse<String> put = http.method("PUT", "/_sim/faults",
                "{\"errors\":[{\"code\":131000,\"count\":2,\"recipient\":\"+919876543210\"}]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) http.jsonOf(put).get("errors")).singleElement()
                .satisfies(rule -> assertThat(rule).containsEntry("code", 131000).containsEntry("count", 2));
        assertThat((Map<String, Object>) http.jsonOf(put).get("latency")).containsEntry("median_ms", 1);

        HttpResponse<String> patch = http.method("PATCH", "/_sim/faults", "{\"throughput\":{\"mps\":5}}");
        assertThat(patch.statusCode()).isEqualTo(200);
        Map<String, Object> patched = http.jsonOf(patch);
        assertThat((Map<String, Object>) patched.get("throughput")).containsEntry("mps", 5.0)
                .containsEntry("enabled", true);
        assertThat((List<?>) patched.get("errors")).hasSize(1);

        HttpResponse<String> delete = http.delete("/_sim/faults");
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) http.jsonOf(delete).get("throughput")).containsEntry("mps", 80.0);
        assertThat(http.jsonOf(http.get("/_sim/faults")).get("errors")).isIn(null, List.of());
    }

    @Test
    void refusesABadPlanNamingTheFieldAndKeepsThePlanInForce() {
        http.method("PUT", "/_sim/faults", "{\"throughput\":{\"mps\":7}}");

        HttpResponse<String> bad = http.method("PATCH", "/_sim/faults", "{\"errors\":[{\"code\":131000,\"rate\":2}]}");
        HttpResponse<String> unknown = http.method("PUT", "/_sim/faults", "{\"errors\":[{\"code\":424242}]}");
        HttpResponse<String> notJson = http.method("PUT", "/_sim/faults", "[1,2");
        HttpResponse<String> typo = http.method("PATCH", "/_sim/faults", "{\"webhooks\":{\"skip_deliverd\":{}}}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(http.jsonOf(bad).get("error")).asString().contains("rate");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(http.jsonOf(unknown).get("error")).asString().contains("title");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(http.jsonOf(typo).get("error")).asString().contains("skip_deliverd");
        assertThat(http.get("/_sim/faults").body()).contains("\"mps\":7.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsExactlyTheNextCountedSendsToTheFilteredRecipientWithTheCodesRealEnvelope() {
        http.method("PUT", "/_sim/faults", "{\"errors\":[{\"code\":131000,\"count\":2,\"recipient\":\"+919876543210\"},"
                + "{\"code\":131048,\"count\":1,\"phone_number_id\":\"999\"}]}");

        HttpResponse<String> otherRecipient = http.send(text("+14155550100"));
        HttpResponse<String> first = http.send(text("+919876543210"));
        HttpResponse<String> second = http.send(text("919876543210"));
        HttpResponse<String> third = http.send(text("+919876543210"));

        assertThat(otherRecipient.statusCode()).isEqualTo(200);
        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode())).containsExactly(500, 500, 200);
        Map<String, Object> error = (Map<String, Object>) http.jsonOf(first).get("error");
        assertThat(error).containsEntry("message", "(#131000) Something went wrong").containsEntry("code", 131000);
        assertThat(error.get("error_data")).isEqualTo(Map.of("messaging_product", "whatsapp",
                "details", "Message failed to send due to an unknown error."));
    }

    @Test
    void failsAboutTheGivenShareOfSendsWithASeededRateAndTheGivenStatus() {
        http.post("/_sim/stats/reset", null, "");
        http.method("PUT", "/_sim/faults", "{\"seed\":7,\"throughput\":{\"enabled\":false},\"pair_rate\":"
                + "{\"enabled\":false},\"errors\":[{\"code\":131016,\"rate\":0.25,\"http_status\":502}]}");

        List<Integer> statuses = IntStream.range(0, 200)
                .mapToObj(i -> http.send(text("+919876543210")).statusCode()).toList();

        long refused = statuses.stream().filter(status -> status == 502).count();
        assertThat(statuses).containsOnly(200, 502);
        assertThat(refused).isBetween(25L, 80L);
        assertThat(http.get("/_sim/stats").body()).contains("\"131016\":" + refused);
    }

    private static String text(String to) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":"
                + "\"Your order shipped\"}}";
    }
}
