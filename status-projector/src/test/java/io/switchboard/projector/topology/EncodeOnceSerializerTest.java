package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.projector.TestInfra;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The status is encoded once for the store and message-status, with each topic's own schema id. */
class EncodeOnceSerializerTest {

    private static MessageStatus status(MessageState state) {
        return MessageStatus.newBuilder().setMessageId(UUID.randomUUID().toString()).setStatus(state)
                .setUpdatedAt(Records.T0).setAttempts(1).setTimeline(List.of()).build();
    }

    @Test
    void theSameRecordWrittenToASecondTopicGetsExactlyTheBytesAFreshEncodingWould() {
        Serializer<MessageStatus> plain = Topics.MESSAGE_STATUS.valueSerde(TestInfra.registryUrl()).serializer();
        EncodeOnceSerializer<MessageStatus> once = new EncodeOnceSerializer<>(
                Topics.MESSAGE_STATUS.valueSerde(TestInfra.registryUrl()).serializer());
        String changelog = "encode-once-" + UUID.randomUUID().toString().substring(0, 8) + "-changelog";
        MessageStatus first = status(MessageState.SENT);
        once.serialize(Topics.MESSAGE_STATUS.name(), first);
        once.serialize(changelog, first);
        MessageStatus next = status(MessageState.DELIVERED);

        byte[] stored = once.serialize(changelog, next);
        byte[] output = once.serialize(Topics.MESSAGE_STATUS.name(), next);

        assertThat(stored).isEqualTo(plain.serialize(changelog, next));
        assertThat(output).isEqualTo(plain.serialize(Topics.MESSAGE_STATUS.name(), next));
    }

    @Test
    void anotherRecordIsEncodedAfresh() {
        EncodeOnceSerializer<MessageStatus> once = new EncodeOnceSerializer<>(
                Topics.MESSAGE_STATUS.valueSerde(TestInfra.registryUrl()).serializer());
        MessageStatus sent = status(MessageState.SENT);
        MessageStatus read = status(MessageState.READ);

        byte[] first = once.serialize(Topics.MESSAGE_STATUS.name(), sent);
        byte[] second = once.serialize(Topics.MESSAGE_STATUS.name(), read);

        assertThat(second).isNotEqualTo(first);
        assertThat(once.serialize(Topics.MESSAGE_STATUS.name(), null)).isNull();
    }
}
