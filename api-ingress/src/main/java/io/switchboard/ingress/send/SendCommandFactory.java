package io.switchboard.ingress.send;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.auth.Caller;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the send commands the ingress queues: the sender is the caller's account and its phone number, the message
 * expires {@code switchboard.ingress.message-validity} after acceptance (default 24 h, the length of WhatsApp's
 * customer-service window), and the source is "api". HTTP DTOs end here; only Avro goes to Kafka.
 */
@Singleton
public class SendCommandFactory {

    static final String SOURCE = "api";

    private final Duration validity;

    public SendCommandFactory(IngressConfiguration config) {
        this(config.getMessageValidity());
    }

    SendCommandFactory(Duration validity) {
        this.validity = validity;
    }

    /** A command with everything but kind and content, which the endpoint's {@link PreparedSend} fills in. */
    public SendCommand.Builder envelope(UUID messageId, Caller caller, Account account, String to,
                                        @Nullable String reference, Instant acceptedAt) {
        return SendCommand.newBuilder()
                .setMessageId(messageId.toString())
                .setAccountId(account.getAccountId())
                .setPhoneNumberId(account.getPhoneNumberId())
                .setRecipient(to)
                .setReference(reference)
                .setApiKeyId(caller.keyId())
                .setAcceptedAt(acceptedAt)
                .setExpiresAt(acceptedAt.plus(validity))
                .setSource(SOURCE);
    }

    public SendCommand text(UUID messageId, Caller caller, Account account, TextMessageRequest request,
                            Instant acceptedAt) {
        return SendCommand.newBuilder()
                .setMessageId(messageId.toString())
                .setAccountId(account.getAccountId())
                .setPhoneNumberId(account.getPhoneNumberId())
                .setRecipient(request.to())
                .setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody(request.message()).setPreviewUrl(false).build())
                .setReference(request.reference())
                .setApiKeyId(caller.keyId())
                .setAcceptedAt(acceptedAt)
                .setExpiresAt(acceptedAt.plus(validity))
                .setSource(SOURCE)
                .build();
    }
}
