package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.serde.AvroDeserializer;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Realistic send commands for tests. */
final class Commands {

    static final String ACCOUNT = "acc_7f3c2a";

    static {
        trustGeneratedAvroClasses();
    }

    private Commands() {
    }

    /**
     * Avro 1.12 refuses to build records with record-typed defaults until the generated package is trusted; the
     * schemas module trusts it when its first deserializer is created, which a service always does at start.
     */
    static void trustGeneratedAvroClasses() {
        new AvroDeserializer<>(SendCommand.class);
    }

    /** A command with the envelope filled in and no content yet. */
    static SendCommand.Builder base(String messageId, String phoneNumberId, String recipient, MessageKind kind) {
        return SendCommand.newBuilder()
                .setMessageId(messageId)
                .setAccountId(ACCOUNT)
                .setPhoneNumberId(phoneNumberId)
                .setRecipient(recipient)
                .setKind(kind)
                .setAcceptedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSource("api");
    }

    static SendCommand text(String phoneNumberId, String recipient, String body) {
        return base(UUID.randomUUID().toString(), phoneNumberId, recipient, MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody(body).setPreviewUrl(false).build())
                .build();
    }
}
