package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.KafkaTestCluster;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicHasAUniqueNameAndAValueSchema() {
        Set<String> names = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(Topics.all());
        assertThat(Topics.all()).allSatisfy(topic -> {
            assertThat(topic.partitions()).isPositive();
            assertThat(org.apache.avro.specific.SpecificData.get().getSchema(topic.valueType()).getType())
                    .isEqualTo(org.apache.avro.Schema.Type.RECORD);
        });
    }

    @Test
    void sendCommandsAreKeyedByConversation() {
        assertThat(Topics.sendCommandKey("106540352242922", "+919876543210"))
                .isEqualTo("106540352242922:+919876543210");
    }

    @Test
    void provisioningCreatesEveryTopicWithItsPartitionsAndPolicyAndIsIdempotent() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestCluster.shared().bootstrapServers()))) {
            TopicProvisioner.ensureTopics(admin, Topics.all(), (short) 1);
            TopicProvisioner.ensureTopics(admin, Topics.all(), (short) 1);

            Map<String, TopicDescription> described = admin.describeTopics(
                    Topics.all().stream().map(Topic::name).toList()).allTopicNames().get();
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
                assertThat(config.get("cleanup.policy").value()).isEqualTo(topic.cleanupPolicy().kafkaValue());
            }
        }
    }

    @Test
    void phoneNumbersAreMaskedButStayDistinguishable() {
        assertThat(Redaction.phone("+919876543210")).isEqualTo("+91******3210");
        assertThat(Redaction.phone("16505551234")).isEqualTo("16*****1234");
        assertThat(Redaction.phone("+123")).isEqualTo("+***");
        assertThat(Redaction.secret("sk_live_x9y8")).doesNotContain("x9y8");
    }
}
