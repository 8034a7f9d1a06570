package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's throughput (130429) and pair rate (131056) limits over real HTTP, configured at start-up. */
class RateLimitFaultsTest {

    private static final String SLOW_NUMBER = "106540352240001";
    private static final String OTHER_NUMBER = "106540352240002";
    private static final String UPGRADED_NUMBER = "106540352240003";
    private static final String STATS_NUMBER = "106540352240004";

    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.window.mode", "off",
                "simulator.faults.throughput-mps", 10,
                "simulator.faults.throughput-http-status", 429,
                "simulator.faults.throughput-per-number." + UPGRADED_NUMBER, 1000));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesABurstOverTheNumbersThroughputWith130429WhileAnotherNumberIsUnaffected() {
        long start = System.nanoTime();
        List<HttpResponse<String>> burst = IntStream.range(0, 30)
                .mapToObj(i -> http.sendFrom(SLOW_NUMBER, text("+9198765" + (43210 + i)))).toList();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(burst.subList(0, 10)).extracting(HttpResponse::statusCode).containsOnly(200);
        List<HttpResponse<String>> refused = burst.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(refused).isNotEmpty().extracting(HttpResponse::statusCode).containsOnly(429);
        assertThat(burst.size() - refused.size()).isLessThanOrEqualTo(10 + (int) Math.ceil(seconds * 10));
        Map<String, Object> error = error(refused.get(0));
        assertThat(error).containsEntry("message", "(#130429) Rate limit hit").containsEntry("code", 130429)
                .containsEntry("type", "OAuthException").containsKey("fbtrace_id");
        assertThat(error.get("error_data")).isEqualTo(Map.of("messaging_product", "whatsapp",
                "details", "Cloud API message throughput has been reached."));

        assertThat(http.sendFrom(OTHER_NUMBER, text("+919876543210")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheFortySixthMessageToOneRecipientWith131056WhileAnotherRecipientIsServed() {
        List<HttpResponse<String>> burst = IntStream.range(0, 46)
                .mapToObj(i -> http.sendFrom(UPGRADED_NUMBER, text("+919876543210"))).toList();

        assertThat(burst.subList(0, 45)).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(burst.get(45).statusCode()).isEqualTo(400);
        Map<String, Object> error = error(burst.get(45));
        assertThat(error).containsEntry("message",
                "(#131056) (Business Account, Consumer Account) pair rate limit hit").containsEntry("code", 131056);
        assertThat(((Map<?, ?>) error.get("error_data")).get("details")).asString()
                .contains("same recipient phone number");

        assertThat(http.sendFrom(UPGRADED_NUMBER, text("+919876543211")).statusCode()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsAcceptedAndRefusedSendsAndTheBusiestSecondPerNumber() {
        http.post("/_sim/stats/reset", null, "");
        IntStream.range(0, 12).forEach(i -> http.sendFrom(STATS_NUMBER, text("+4915112345" + (100 + i))));

        Map<String, Object> stats = http.jsonOf(http.get("/_sim/stats"));
        Map<String, Object> number = (Map<String, Object>) ((Map<String, Object>) stats.get("numbers"))
                .get(STATS_NUMBER);
        int accepted = ((Number) number.get("accepted")).intValue();
        assertThat(accepted).isBetween(10, 12);
        assertThat(((Map<String, Number>) number.get("refused")).getOrDefault("130429", 0).intValue())
                .isEqualTo(12 - accepted);
        assertThat(((Number) number.get("max_per_second")).intValue()).isBetween(1, accepted);
        assertThat(((Number) number.get("current_rate")).intValue()).isBetween(0, accepted);
        assertThat(((Number) stats.get("accepted")).intValue()).isEqualTo(accepted);

        http.post("/_sim/stats/reset", null, "");
        assertThat(http.jsonOf(http.get("/_sim/stats"))).containsEntry("accepted", 0)
                .containsEntry("numbers", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(HttpResponse<String> response) {
        return (Map<String, Object>) http.jsonOf(response).get("error");
    }

    private static String text(String to) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":"
                + "\"Your order shipped\"}}";
    }
}
