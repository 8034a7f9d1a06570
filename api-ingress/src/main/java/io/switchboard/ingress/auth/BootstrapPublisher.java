package io.switchboard.ingress.auth;

import io.switchboard.ingress.BootstrapConfiguration;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ApiKey;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the bootstrap account and API key (acks=all) when the stores, read to the end, do not already hold
 * identical records. Runs on the start-up thread, after both stores caught up. The key is never logged, only its id
 * and display prefix.
 */
@Singleton
public class BootstrapPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final BootstrapConfiguration config;
    private final ApiKeyStore apiKeys;
    private final AccountStore accounts;
    private final KafkaSettings kafka;
    private final Clock clock;

    public BootstrapPublisher(BootstrapConfiguration config, ApiKeyStore apiKeys, AccountStore accounts,
                              KafkaSettings kafka, Clock clock) {
        this.config = config;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Publishes what is missing or different; returns the bootstrap key's id. */
    public String publishIfNeeded() throws InterruptedException {
        Account currentAccount = accounts.byId(config.getAccountId());
        if (currentAccount != null && currentAccount.getStatus() == AccountStatus.DELETED) {
            LOG.warn("Bootstrap account {} was deleted; it is not published again", currentAccount.getAccountId());
        } else {
            Account account = BootstrapRecords.account(config, currentAccount, clock.instant());
            if (!BootstrapRecords.sameAccount(currentAccount, account)) {
                publish(Topics.ACCOUNTS, account.getAccountId(), account);
                LOG.info("Published bootstrap account {} (phone number id {})", account.getAccountId(),
                        account.getPhoneNumberId());
            }
        }
        String keyId = ApiKeyHashes.keyId(config.getApiKey());
        ApiKey currentKey = apiKeys.byId(keyId);
        ApiKey key = BootstrapRecords.apiKey(config,
                currentKey != null ? currentKey.getCreatedAt() : clock.instant());
        if (!BootstrapRecords.sameKey(currentKey, key)) {
            publish(Topics.API_KEYS, keyId, key);
            LOG.info("Published bootstrap API key {} ({}...) for account {}, {} requests/minute", keyId,
                    key.getKeyPrefix(), key.getAccountId(), key.getRateLimitPerMinute());
        }
        return keyId;
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-ingress-bootstrap");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde(kafka.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(ACK_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish the bootstrap record to " + topic.name(), e);
        }
    }
}
