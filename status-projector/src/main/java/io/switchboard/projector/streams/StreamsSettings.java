package io.switchboard.projector.streams;

import io.switchboard.projector.ProjectorConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams configuration of one projector instance. Exactly-once (v2) so a fact is applied to the store and
 * its status written to message-status together or not at all; a short commit interval so statuses show quickly;
 * {@code application.server} set to this instance's HTTP address so others can forward queries to it. A record that
 * cannot be deserialized is logged and skipped rather than stopping the projection of every other message.
 *
 * <p>The producer keeps one request in flight per broker connection. With transactions v2 every commit bumps the
 * producer epoch, and the broker then keeps no sequence state for the producer on any partition, so the first batch
 * it appends to a partition in the next transaction must carry sequence 0. When that first request is refused with a
 * retriable error (typically {@code CONCURRENT_TRANSACTIONS}: the previous transaction's markers are still being
 * written) while the next request is already under way, the next batch arrives first and is refused with
 * {@code OutOfOrderSequenceException} ("Expected sequence 0 for transactions v2 idempotent producer with no existing
 * state"), and both are retried. With one request in flight the next batch is only sent once the first is appended.
 */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Properties of(ProjectorConfig config, String bootstrapServers, short replicationFactor,
                                HostInfo self) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getApplicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getStateDir());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.getCommitInterval().toMillis()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.getStreamThreads()));
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), "1");
        props.putAll(config.getStreams());
        return props;
    }
}
