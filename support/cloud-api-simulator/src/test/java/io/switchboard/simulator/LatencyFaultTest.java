package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Latency distributions set at run time, played on the scheduler with a single event-loop thread. */
class LatencyFaultTest {

    private static EmbeddedServer server;
    private static SimulatorHttp http;
    private static ExecutorService clients;

    @BeforeAll
    static void start() {
        clients = Executors.newFixedThreadPool(10);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.netty.event-loops.default.num-threads", 1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.window.mode", "off",
                "simulator.faults.pair-rate-enabled", false));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
        http.send(text()); // warm up
    }

    @AfterAll
    static void stop() {
        server.close();
        clients.shutdownNow();
    }

    @Test
    void uniformLatencyDelaysEachAnswerWithinItsBoundsAndConcurrentSendsOverlap() {
        http.method("PUT", "/_sim/faults", "{\"latency\":{\"distribution\":\"uniform\",\"min_ms\":300,\"max_ms\":500}}");

        long start = System.nanoTime();
        List<Long> elapsed = timedSends(10);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsed).allMatch(millis -> millis >= 300);
        // Ten concurrent sends on one event-loop thread finish in about one latency, not ten.
        assertThat(totalMillis).isBetween(300L, 2_500L);
    }

    @Test
    void lognormalLatencyCentresOnTheMedian() {
        http.method("PUT", "/_sim/faults", "{\"seed\":11,\"latency\":{\"distribution\":\"lognormal\",\"median_ms\":150,"
                + "\"p99_ms\":400}}");

        List<Long> elapsed = timedSends(40).stream().sorted().toList();

        assertThat(elapsed.get(20)).isBetween(100L, 300L);
        assertThat(elapsed.get(0)).isGreaterThanOrEqualTo(40L);
    }

    private static List<Long> timedSends(int count) {
        List<CompletableFuture<Long>> sends = IntStream.range(0, count)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    assertThat(http.send(text()).statusCode()).isEqualTo(200);
                    return (System.nanoTime() - start) / 1_000_000;
                }, clients)).toList();
        return sends.stream().map(CompletableFuture::join).toList();
    }

    private static String text() {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",\"type\":\"text\","
                + "\"text\":{\"body\":\"hi\"}}";
    }
}
