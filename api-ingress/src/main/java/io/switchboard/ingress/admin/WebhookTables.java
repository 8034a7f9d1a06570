package io.switchboard.ingress.admin;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.switchboard.ingress.kafka.CompactedTable;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two customer-webhook tables the admin API reads: {@code webhook-endpoints} (written by this service) and
 * {@code webhook-endpoint-health} (written only by the dispatcher, which delivers). At start, on its own thread,
 * the topics are created if missing, the endpoint schema is registered and both tables start following; every step
 * is retried until it succeeds, and until the tables are loaded the webhook admin operations answer 503.
 */
@Singleton
public class WebhookTables {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookTables.class);

    private final Endpoints endpoints;
    private final Health health;
    private final AdminClient admin;
    private final KafkaSettings kafka;
    private volatile Thread thread;

    public WebhookTables(KafkaSettings kafka, AdminClient admin) {
        this.kafka = kafka;
        this.admin = admin;
        this.endpoints = new Endpoints(kafka);
        this.health = new Health(kafka);
    }

    @EventListener
    public synchronized void onStartup(StartupEvent event) {
        if (thread == null) {
            thread = new Thread(this::prepare, "webhook-tables-startup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void prepare() {
        long wait = 500;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TopicProvisioner.ensureTopics(admin, List.of(Topics.WEBHOOK_ENDPOINTS,
                        Topics.WEBHOOK_ENDPOINT_HEALTH), kafka.replicationFactor());
                Topics.WEBHOOK_ENDPOINTS.registerValueSchema(kafka.registryUrl());
                break;
            } catch (Exception e) {
                LOG.warn("Preparing the webhook tables failed, retrying in {} ms: {}", wait, e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = Math.min(10_000, wait * 2);
            }
        }
        endpoints.start();
        health.start();
    }

    public boolean isReady() {
        return endpoints.isReady() && health.isReady();
    }

    @Nullable
    public WebhookEndpoint endpoint(String endpointId) {
        return endpoints.byId(endpointId);
    }

    public List<WebhookEndpoint> endpoints() {
        return endpoints.all();
    }

    @Nullable
    public WebhookEndpointHealth health(String endpointId) {
        return health.byId(endpointId);
    }

    @PreDestroy
    public void close() {
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
        endpoints.close();
        health.close();
    }

    private static final class Endpoints extends CompactedTable<WebhookEndpoint> {
        Endpoints(KafkaSettings kafka) {
            super(Topics.WEBHOOK_ENDPOINTS, kafka);
        }

        WebhookEndpoint byId(String id) {
            return get(id);
        }
    }

    private static final class Health extends CompactedTable<WebhookEndpointHealth> {
        Health(KafkaSettings kafka) {
            super(Topics.WEBHOOK_ENDPOINT_HEALTH, kafka);
        }

        WebhookEndpointHealth byId(String id) {
            return get(id);
        }
    }
}
