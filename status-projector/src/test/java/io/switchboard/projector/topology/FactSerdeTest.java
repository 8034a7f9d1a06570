package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.projector.TestInfra;
import io.switchboard.projector.state.FactKind;
import io.switchboard.projector.state.FactSource;
import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageStatus;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The facts' own encoding on the internal repartition topic, and reading what older projectors wrote there. */
class FactSerdeTest {

    private static final String TOPIC = "app-facts-by-message-repartition";

    private static StatusFact fact(FactKind kind) {
        StatusFact fact = new StatusFact("msg-1", kind, Records.at(7), FactSource.WHATSAPP, "wamid.X", 2,
                kind == FactKind.FAILED ? Records.UNDELIVERABLE : null,
                new StatusFact.Metadata("acct", "106540352242922", "+16505551234", MessageKind.TEXT, "réf ✓", "key",
                        Records.T0));
        return kind == FactKind.ATTEMPT
                ? new StatusFact("msg-1", kind, Records.at(7), FactSource.DISPATCHER, null, 2, null, fact.metadata())
                : fact.withWhatsappAt(Records.at(6));
    }

    private static FactSerde serde() {
        return ProjectorSerdes.forRegistry(TestInfra.registryUrl()).fact();
    }

    @ParameterizedTest
    @EnumSource(FactKind.class)
    void everyKindOfFactSurvivesTheEncoding(FactKind kind) {
        FactSerde serde = serde();
        StatusFact fact = fact(kind);

        byte[] bytes = serde.serialize(TOPIC, fact);

        assertThat(bytes[0]).isEqualTo(FactSerde.VERSION);
        assertThat(serde.deserialize(TOPIC, bytes)).isEqualTo(fact);
    }

    @Test
    void absentFieldsStayAbsent() {
        FactSerde serde = serde();
        StatusFact bare = StatusFact.of("msg-2", FactKind.DELIVERED, Records.at(3), FactSource.WHATSAPP);
        StatusFact noCode = bare.withError(new ErrorInfo(null, "Switchboard gave up", null, "EXPIRED"));

        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, bare))).isEqualTo(bare);
        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, noCode))).isEqualTo(noCode);
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void longValuesGrowTheBuffer() {
        FactSerde serde = serde();
        StatusFact fact = fact(FactKind.FAILED).withWamid("wamid." + "x".repeat(5_000));

        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, fact))).isEqualTo(fact);
    }

    @ParameterizedTest
    @EnumSource(FactKind.class)
    void readsTheAvroEnvelopesAnOlderProjectorWrote(FactKind kind) {
        Serde<MessageStatus> avro = ProjectorSerdes.forRegistry(TestInfra.registryUrl()).messageStatus();
        StatusFact fact = fact(kind);
        byte[] legacy = avro.serializer().serialize(TOPIC, FactCodec.encode(fact));

        assertThat(serde().deserialize(TOPIC, legacy)).isEqualTo(fact);
    }

    @ParameterizedTest
    @EnumSource(FactKind.class)
    void readsTheFirstLayoutWhichHadNoWhatsAppTimestamp(FactKind kind) {
        FactSerde serde = serde();
        StatusFact fact = fact(kind);
        byte[] current = serde.serialize(TOPIC, fact);
        // Version 1 is version 2 without the trailing WhatsApp timestamp (a presence byte, and 8 bytes when present).
        int trailing = fact.whatsappAt() == null ? 1 : 9;
        byte[] first = java.util.Arrays.copyOf(current, current.length - trailing);
        first[0] = FactSerde.VERSION_1;

        assertThat(serde.deserialize(TOPIC, first)).isEqualTo(fact.withWhatsappAt(null));
    }

    @Test
    void refusesAnEncodingItDoesNotKnow() {
        assertThatThrownBy(() -> serde().deserialize(TOPIC, new byte[] {9, 1, 2}))
                .isInstanceOf(SerializationException.class);
    }
}
