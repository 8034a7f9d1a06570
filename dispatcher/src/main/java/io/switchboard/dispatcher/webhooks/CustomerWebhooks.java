package io.switchboard.dispatcher.webhooks;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.switchboard.dispatcher.KafkaClientSettings;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import io.switchboard.schemas.crypto.SecretCipher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops customer-webhook delivery with the dispatcher, only when {@code switchboard.webhooks.master-key}
 * is set. At start: topics exist, schemas are registered, endpoints, accounts, phone numbers and endpoint health are
 * read, then the fan-out and the delivery loop start. At close: the fan-out stops, the delivery loop commits what
 * finished; events still pending are redelivered by the next owner (their parked copies are on Kafka).
 */
@Context
@Requires(property = WebhookProperties.PREFIX + ".master-key", pattern = ".+")
public class CustomerWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerWebhooks.class);
    private static final List<Topic<?>> TOPICS = List.of(Topics.MESSAGE_STATUS, Topics.INBOUND_MESSAGES,
            Topics.ACCOUNTS, Topics.PHONE_NUMBERS, Topics.WEBHOOK_ENDPOINTS, Topics.WEBHOOK_ENDPOINT_HEALTH, Topics.WEBHOOK_DELIVERIES,
            Topics.WEBHOOK_RETRIES, Topics.WEBHOOK_ATTEMPTS);

    private final WebhookProperties properties;
    private final KafkaClientSettings kafka;
    private ScheduledExecutorService timers;
    private WebhookRecords records;
    private EndpointDirectory directory;
    private CompactedFollower<WebhookEndpointHealth> storedHealth;
    private EventFanout fanout;
    private DeliveryPump pump;
    private DeliveryLog log;

    private final MeterRegistry meters;

    public CustomerWebhooks(WebhookProperties properties, KafkaClientSettings kafka, MeterRegistry meters) {
        this.properties = properties;
        this.kafka = kafka;
        this.meters = meters;
    }

    @PostConstruct
    void start() throws Exception {
        SecretCipher cipher = SecretCipher.fromBase64(properties.getMasterKey(),
                WebhookProperties.PREFIX + ".master-key");
        LOG.info("Starting customer webhooks: {}", properties);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner.ensureTopics(admin, TOPICS, kafka.replicationFactor());
        }
        String registry = kafka.registryUrl();
        Topics.WEBHOOK_DELIVERIES.registerValueSchema(registry);
        Topics.WEBHOOK_RETRIES.registerValueSchema(registry);
        Topics.WEBHOOK_ATTEMPTS.registerValueSchema(registry);
        Topics.WEBHOOK_ENDPOINT_HEALTH.registerValueSchema(registry);
        Map<String, Object> config = kafka.clientConfig();
        Clock clock = Clock.systemUTC();
        timers = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "webhooks-timer");
            thread.setDaemon(true);
            return thread;
        });
        records = new WebhookRecords(config, registry);
        directory = new EndpointDirectory(config, registry, cipher);
        storedHealth = new CompactedFollower<>(Topics.WEBHOOK_ENDPOINT_HEALTH, config, registry);
        directory.start();
        storedHealth.start();
        directory.ready().get(60, TimeUnit.SECONDS);
        storedHealth.ready().get(60, TimeUnit.SECONDS);
        EndpointHealth health = new EndpointHealth(storedHealth::get, records::health, properties.getDisableAfter(),
                properties.getHealthPublishInterval(), clock);
        long interval = properties.getHealthPublishInterval().toMillis();
        timers.scheduleWithFixedDelay(health::publishPending, interval, interval, TimeUnit.MILLISECONDS);
        WebhookSender sender = new WebhookSender(properties.getConnectTimeout(), properties.getRequestTimeout(), clock);
        WebhookMetrics metrics = new WebhookMetrics(meters, properties.getMetricsMaxEndpoints());
        DeliveryLanes lanes = new DeliveryLanes(directory, health, sender, records, properties, timers, clock, meters,
                metrics);
        meters.gauge("webhooks.pending", lanes, DeliveryLanes::pending);
        long metricsInterval = properties.getMetricsInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> metrics.refreshBacklog(lanes.pendingByEndpoint()), metricsInterval,
                metricsInterval, TimeUnit.MILLISECONDS);
        log = new DeliveryLog(config, registry, records, properties.getLogLookback());
        pump = new DeliveryPump(config, registry, properties, lanes, meters);
        fanout = new EventFanout(config, registry, properties, directory, records, clock, metrics, meters);
        pump.start();
        fanout.start();
    }

    DeliveryLog log() {
        return log;
    }

    EndpointDirectory directory() {
        return directory;
    }

    /** Whether the fan-out, the delivery loop and the table followers are all running. */
    boolean isAlive() {
        return fanout != null && fanout.isAlive() && pump != null && pump.isAlive() && directory.isAlive()
                && storedHealth.isAlive();
    }

    @PreDestroy
    void stop() {
        if (fanout != null) {
            fanout.close();
        }
        if (pump != null) {
            pump.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (records != null) {
            records.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (storedHealth != null) {
            storedHealth.close();
        }
    }
}
