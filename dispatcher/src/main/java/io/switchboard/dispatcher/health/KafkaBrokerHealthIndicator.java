package io.switchboard.dispatcher.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.switchboard.dispatcher.DispatcherProperties;
import io.switchboard.dispatcher.DispatcherRunner;
import io.switchboard.dispatcher.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.reactivestreams.Publisher;

/**
 * {@code kafka} on {@code /health}: the cluster described by one long-lived admin client (its calls are asynchronous),
 * DOWN when the brokers do not answer within {@code health-timeout}. It replaces micronaut-kafka's indicator
 * ({@code kafka.health.enabled: false}), whose wait is bounded only by the client's request timeout.
 */
@Singleton
@Requires(beans = DispatcherRunner.class)
public class KafkaBrokerHealthIndicator implements HealthIndicator {

    private final DispatcherProperties properties;
    private final Admin admin;

    public KafkaBrokerHealthIndicator(KafkaClientSettings kafka, DispatcherProperties properties) {
        this.properties = properties;
        Map<String, Object> config = kafka.clientConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dispatcher-health");
        this.admin = Admin.create(config);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return BoundedCheck.run("kafka", properties.getHealthTimeout(), () -> {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) properties.getHealthTimeout().toMillis()));
            CompletableFuture<Map<String, Object>> details = new CompletableFuture<>();
            cluster.nodes().whenComplete((nodes, failure) -> {
                if (failure != null) {
                    details.completeExceptionally(failure);
                } else {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("brokers", nodes.size());
                    details.complete(view);
                }
            });
            return details;
        });
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
