package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseLatencyTest {

    private static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",\"type\":\"text\","
            + "\"text\":{\"body\":\"hi\"}}";

    @Test
    void delaysEveryAnswerWithoutHoldingTheEventLoop() {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.netty.event-loops.default.num-threads", 1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.response-latency", "400ms",
                "simulator.window.mode", "off"))) {
            SimulatorHttp http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
            http.send(TEXT); // warm up

            long start = System.nanoTime();
            // Ten concurrent sends on one event-loop thread finish in about one latency, not ten.
            List<CompletableFuture<HttpResponse<String>>> sends = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.send(TEXT), clients)).toList();
            List<HttpResponse<String>> answers = sends.stream().map(CompletableFuture::join).toList();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(elapsedMillis).isBetween(400L, 3_000L);
        } finally {
            clients.shutdownNow();
        }
    }
}
