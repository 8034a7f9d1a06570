package io.switchboard.projector.topology;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value serdes of the topology, all from the topic catalogue. Internal topics reuse them, except the facts
 * repartition topic ({@link #fact()}): the message store carries {@link MessageStatus}, the held-statuses store {@link StatusUpdate}; their
 * schemas are registered under the internal topics' own {@code <topic>-value} subjects. The {@link MessageStatus}
 * serializer encodes a status once for both the store and {@code message-status} ({@link EncodeOnceSerializer}).
 */
public record ProjectorSerdes(Serde<SendCommand> sendCommand, Serde<MessageEvent> messageEvent,
                              Serde<StatusUpdate> statusUpdate, Serde<MessageStatus> messageStatus) {

    /** Confluent wire-format serdes against the registry at {@code registryUrl}. */
    public static ProjectorSerdes forRegistry(String registryUrl) {
        return new ProjectorSerdes(Topics.SEND_COMMANDS.valueSerde(registryUrl),
                Topics.MESSAGE_EVENTS.valueSerde(registryUrl),
                Topics.STATUS_UPDATES.valueSerde(registryUrl),
                encodeOnce(Topics.MESSAGE_STATUS.valueSerde(registryUrl)));
    }

    /**
     * The facts on the internal {@code facts-by-message} repartition topic: the projector's own encoding
     * ({@link FactSerde}), still reading the Avro envelopes older projectors wrote.
     */
    public FactSerde fact() {
        return new FactSerde(messageStatus.deserializer());
    }

    private static <T> Serde<T> encodeOnce(Serde<T> serde) {
        return Serdes.serdeFrom(new EncodeOnceSerializer<>(serde.serializer()), serde.deserializer());
    }
}
