package io.switchboard.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How this service creates its topics: the replication factor of topics it creates at start (1 for a local single
 * broker; 3 in production). Topics that already exist are left as they are.
 *
 * @param replicationFactor replicas of each topic created by {@link TopicSetup}
 */
@ConfigurationProperties(KafkaSettings.PREFIX)
public record KafkaSettings(@Bindable(defaultValue = "1") short replicationFactor) {

    public static final String PREFIX = "switchboard.kafka";

    public KafkaSettings {
        if (replicationFactor < 1) {
            throw new IllegalStateException(PREFIX + ".replication-factor must be at least 1");
        }
    }
}
