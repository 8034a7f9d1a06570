package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slow receiver never has more than {@code webhook-max-concurrency} posts in flight; the others wait, in order; and
 * posts reuse kept-alive connections instead of opening one each.
 */
class WebhookConcurrencyTest {

    @Test
    void atMostTheConfiguredNumberOfPostsAreInFlightAndEveryOneIsDelivered() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hooks", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                exchange.getRequestBody().readAllBytes();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        SimulatorConfig config = new SimulatorConfig();
        config.setWebhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        config.setAppSecret("concurrency-secret");
        config.setWebhookMaxConcurrency(2);
        config.setWebhookTimeout(Duration.ofSeconds(30));
        WebhookDeliverer deliverer = new WebhookDeliverer(config, scheduler, new SimpleMeterRegistry());
        try {
            List<CompletableFuture<Boolean>> posts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                posts.add(deliverer.deliver(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), "post " + i));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 2);
            assertThat(posts).noneMatch(CompletableFuture::isDone);
            release.countDown();

            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(posts).allSatisfy(post -> assertThat(post.join()).isTrue());
            assertThat(mostInFlight.get()).isEqualTo(2);
        } finally {
            deliverer.close();
            scheduler.shutdownNow();
            receiver.stop(0);
        }
    }

    @Test
    void postsReuseKeptAliveConnectionsRatherThanOpeningOneEach() throws Exception {
        java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hooks", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        SimulatorConfig config = new SimulatorConfig();
        config.setWebhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        config.setAppSecret("reuse-secret");
        config.setWebhookMaxConcurrency(2);
        WebhookDeliverer deliverer = new WebhookDeliverer(config, scheduler, new SimpleMeterRegistry());
        try {
            List<CompletableFuture<Boolean>> posts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                posts.add(deliverer.deliver(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), "post " + i));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(posts).allSatisfy(post -> assertThat(post.join()).isTrue());
            assertThat(clientPorts).hasSizeLessThan(10);
        } finally {
            deliverer.close();
            scheduler.shutdownNow();
            receiver.stop(0);
        }
    }
}
