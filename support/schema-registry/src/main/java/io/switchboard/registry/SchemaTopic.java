package io.switchboard.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the schemas topic exists and is usable. Rules: created when missing with one partition,
 * {@code cleanup.policy=compact} and replication factor {@code min(3, brokers)}; an existing topic with more than one
 * partition is refused (the order of registrations would be lost); a non-compacted one is used with a warning.
 */
final class SchemaTopic {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopic.class);

    private SchemaTopic() {
    }

    static void ensure(Admin admin, String topic, long timeoutMillis) throws Exception {
        int brokers = admin.describeCluster().nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        NewTopic newTopic = new NewTopic(topic, 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            LOG.info("Created schemas topic {} (1 partition, compacted, replication factor {})", topic, replication);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        TopicDescription description = describe(admin, topic, timeoutMillis);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("schemas topic " + topic + " has " + description.partitions().size()
                    + " partitions; it must have exactly 1");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String policy = admin.describeConfigs(List.of(resource)).all().get(timeoutMillis, TimeUnit.MILLISECONDS)
                .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warn("Schemas topic {} has cleanup.policy={}; schemas may be deleted by retention", topic, policy);
        }
    }

    private static TopicDescription describe(Admin admin, String topic, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                // Just created: the broker we ask may not know it yet.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
