package io.switchboard.projector.state;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageKind;
import java.time.Instant;

/** Realistic facts about one message, for the state-machine tests. */
final class Facts {

    static final String MESSAGE_ID = "3f0c2b8e-6d1a-4c8e-9b7a-2f4e5d6c7b8a";
    static final String WAMID = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";
    static final Instant ACCEPTED = Instant.parse("2025-06-16T09:00:00.000Z");
    static final ErrorInfo UNDELIVERABLE = ErrorInfo.newBuilder().setCode(131026)
            .setTitle("Message undeliverable").setDetail("Unable to deliver message.").setReason("PERMANENT").build();

    private Facts() {
    }

    static Instant at(int seconds) {
        return ACCEPTED.plusSeconds(seconds);
    }

    static StatusFact queued() {
        return StatusFact.of(MESSAGE_ID, FactKind.QUEUED, ACCEPTED, FactSource.API)
                .withMetadata(new StatusFact.Metadata("acct-1", "106540352242922", "+16505551234",
                        MessageKind.TEMPLATE, "order-7781", "key-42", ACCEPTED));
    }

    static StatusFact attempt(int n) {
        return StatusFact.of(MESSAGE_ID, FactKind.ATTEMPT, at(n), FactSource.DISPATCHER).withAttempt(n);
    }

    static StatusFact dispatcherSent() {
        return StatusFact.of(MESSAGE_ID, FactKind.SENT, at(1), FactSource.DISPATCHER).withWamid(WAMID).withAttempt(1);
    }

    static StatusFact whatsapp(FactKind kind, int seconds) {
        StatusFact fact = StatusFact.of(MESSAGE_ID, kind, at(seconds), FactSource.WHATSAPP).withWamid(WAMID);
        return kind == FactKind.FAILED ? fact.withError(UNDELIVERABLE) : fact;
    }

    static StatusFact dispatcherFailed() {
        return StatusFact.of(MESSAGE_ID, FactKind.FAILED, at(1), FactSource.DISPATCHER).withError(UNDELIVERABLE);
    }

    static StatusFact expired() {
        return StatusFact.of(MESSAGE_ID, FactKind.EXPIRED, at(3600), FactSource.DISPATCHER)
                .withError(ErrorInfo.newBuilder().setTitle("Not sent before expiry").setReason("EXPIRED").build());
    }
}
