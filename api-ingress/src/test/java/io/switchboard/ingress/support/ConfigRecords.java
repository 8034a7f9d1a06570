package io.switchboard.ingress.support;

import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Template;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Configuration records written straight to their topics, as another tool or an older version would have written
 * them (accounts without a phone-numbers record, keys without the admin API, templates without a sync).
 */
public final class ConfigRecords {

    private ConfigRecords() {
    }

    public static void publish(Account account) {
        publish(Topics.ACCOUNTS, account.getAccountId(), account);
    }

    public static void publish(Template template) {
        publish(Topics.TEMPLATES, Topics.templateKey(template.getAccountId(), template.getName(),
                template.getLanguage()), template);
    }

    /** Publishes a new active key of the account; returns the key itself. */
    public static String publishKey(String accountId, Permission... permissions) {
        String secret = "pk_live_" + UUID.randomUUID().toString().replace("-", "");
        String hash = ApiKeyHashes.sha256Hex(secret);
        ApiKey key = ApiKey.newBuilder().setKeyId(hash.substring(0, 16)).setKeyHash(hash)
                .setKeyPrefix(ApiKeyHashes.displayPrefix(secret)).setName("test key").setAccountId(accountId)
                .setPermissions(List.of(permissions)).setRateLimitPerMinute(1000).setDailyLimit(100_000)
                .setActive(true).setCreatedAt(Instant.now()).build();
        publish(Topics.API_KEYS, key.getKeyId(), key);
        return secret;
    }

    private static <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde(TestInfrastructure.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic.name(), e);
        }
    }
}
