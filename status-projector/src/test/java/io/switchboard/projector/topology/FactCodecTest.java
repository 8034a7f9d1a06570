package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.projector.state.FactKind;
import io.switchboard.projector.state.FactSource;
import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FactCodecTest {

    @ParameterizedTest
    @EnumSource(FactKind.class)
    void everyKindOfFactSurvivesTheEnvelope(FactKind kind) {
        StatusFact fact = new StatusFact("msg-1", kind, Records.at(7), FactSource.WHATSAPP, "wamid.X", 2,
                kind == FactKind.FAILED ? Records.UNDELIVERABLE : null,
                new StatusFact.Metadata("acct", "106540352242922", "+16505551234", MessageKind.TEXT, "ref", "key",
                        Records.T0));
        if (kind == FactKind.ATTEMPT) {
            fact = new StatusFact("msg-1", kind, Records.at(7), FactSource.DISPATCHER, null, 2, null, fact.metadata());
        }

        MessageStatus envelope = FactCodec.encode(fact);

        assertThat(FactCodec.decode(envelope)).isEqualTo(fact);
        assertThat(envelope.getTimeline()).hasSize(kind == FactKind.ATTEMPT ? 0 : 1);
        assertThat(envelope.getStatus()).isEqualTo(kind == FactKind.ATTEMPT ? MessageState.QUEUED : kind.state());
    }
}
