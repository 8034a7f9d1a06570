package io.switchboard.dispatcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.switchboard.dispatcher.DispatcherProperties;
import io.switchboard.dispatcher.KafkaClientSettings;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The kafka health check answers within its timeout: DOWN when no broker answers, UP against a real one. */
class KafkaBrokerHealthIndicatorTest {

    @Test
    void noBrokerIsDownWithinTheTimeout() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        KafkaBrokerHealthIndicator indicator = indicator("127.0.0.1:" + deadPort);
        try {
            long started = System.nanoTime();
            HealthResult result = first(indicator.getResult()).get(2, TimeUnit.SECONDS);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.getName()).isEqualTo("kafka");
            assertThat(result.getDetails().toString()).contains("no answer within 800 ms");
            assertThat((System.nanoTime() - started) / 1_000_000).as("answered within its 800 ms timeout, plus scheduling").isLessThan(1_500);
        } finally {
            indicator.close();
        }
    }

    @Test
    void aRunningBrokerIsUp() throws Exception {
        KafkaBrokerHealthIndicator indicator = indicator(KafkaTestCluster.shared().bootstrapServers());
        try {
            HealthResult result = first(indicator.getResult()).get(5, TimeUnit.SECONDS);
            if (result.getStatus() != HealthStatus.UP) {
                // The first call may race the client's first connection; the next one is answered.
                result = first(indicator.getResult()).get(5, TimeUnit.SECONDS);
            }
            assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(result.getDetails().toString()).contains("brokers=1");
        } finally {
            indicator.close();
        }
    }

    private static KafkaBrokerHealthIndicator indicator(String bootstrap) {
        return new KafkaBrokerHealthIndicator(new KafkaClientSettings(Map.of("bootstrap.servers", bootstrap),
                "http://127.0.0.1:1", (short) 1), new DispatcherProperties());
    }

    private static <T> CompletableFuture<T> first(Publisher<T> publisher) {
        CompletableFuture<T> first = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(T value) {
                first.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                first.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new IllegalStateException("no result"));
            }
        });
        return first;
    }
}
