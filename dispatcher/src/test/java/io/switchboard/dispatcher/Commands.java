package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Realistic send commands for tests. */
final class Commands {

    static final String ACCOUNT = "acc_7f3c2a";

    static {
        TrustedAvroClasses.install();
    }

    private Commands() {
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
