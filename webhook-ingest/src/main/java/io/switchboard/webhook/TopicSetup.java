package io.switchboard.webhook;

import io.micronaut.context.annotation.Context;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares Kafka before the HTTP server opens: creates the topics this service writes if they are missing, and
 * registers their value schemas, so the first webhook never waits on the registry and a registry that refuses a
 * schema stops the service at start rather than at its first message (which Meta would then retry for days).
 */
@Context
public final class TopicSetup {

    /** Every topic webhook-ingest writes; it reads none. */
    public static final List<Topic<?>> WRITTEN_TOPICS =
            List.of(Topics.STATUS_UPDATES, Topics.INBOUND_MESSAGES, Topics.WEBHOOK_PAYLOADS);

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final String registryUrl;

    TopicSetup(KafkaClientConfigs clients, KafkaSettings kafka, SchemaRegistrySettings registry) {
        this.registryUrl = registry.url();
        try (Admin admin = Admin.create(clients.admin())) {
            TopicProvisioner.ensureTopics(admin, WRITTEN_TOPICS, kafka.replicationFactor());
        }
        for (Topic<?> topic : WRITTEN_TOPICS) {
            int id = topic.registerValueSchema(registryUrl);
            LOG.info("Topic {} ready, value schema id {}", topic.name(), id);
        }
    }

    /** The registry the value schemas were registered in. */
    String registryUrl() {
        return registryUrl;
    }
}
