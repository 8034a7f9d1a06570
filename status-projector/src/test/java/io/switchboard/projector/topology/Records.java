package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.TextContent;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.time.Instant;
import java.util.List;

/** Realistic input records: a send command, the dispatcher's events and WhatsApp's statuses for one message. */
public final class Records {

    public static final Instant T0 = Instant.parse("2025-06-16T09:00:00.000Z");
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String RECIPIENT = "+16505551234";
    public static final ErrorInfo UNDELIVERABLE = ErrorInfo.newBuilder().setCode(131026)
            .setTitle("Message undeliverable").setDetail("Unable to deliver message. Reasons can include: the "
                    + "recipient phone number is not a WhatsApp phone number.").build();

    private Records() {
    }

    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    public static SendCommand command(String messageId) {
        return SendCommand.newBuilder()
                .setMessageId(messageId)
                .setAccountId("acct-7f3a")
                .setPhoneNumberId(PHONE_NUMBER_ID)
                .setRecipient(RECIPIENT)
                .setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody("Your order 7781 has shipped").setPreviewUrl(false).build())
                .setReference("order-7781")
                .setApiKeyId("key-42")
                .setAcceptedAt(T0)
                .setSource("api")
                .build();
    }

    public static MessageEvent event(String messageId, MessageEventType type, int seconds, String wamid,
                                     ErrorInfo error) {
        return MessageEvent.newBuilder()
                .setMessageId(messageId)
                .setType(type)
                .setOccurredAt(at(seconds))
                .setWamid(wamid)
                .setAttempt(1)
                .setError(error)
                .setPhoneNumberId(PHONE_NUMBER_ID)
                .setRecipient(RECIPIENT)
                .build();
    }

    public static MessageEvent sent(String messageId, String wamid) {
        return event(messageId, MessageEventType.SENT, 1, wamid, null);
    }

    /** A WhatsApp status without callback data: resolvable only through the wamid index. */
    public static StatusUpdate status(String wamid, WhatsAppStatus status, int seconds) {
        return status(wamid, status, seconds, null);
    }

    public static StatusUpdate status(String wamid, WhatsAppStatus status, int seconds, String callbackData) {
        return StatusUpdate.newBuilder()
                .setWamid(wamid)
                .setStatus(status)
                .setRawStatus(status.name().toLowerCase())
                .setOccurredAt(at(seconds))
                .setReceivedAt(at(seconds + 1))
                .setPhoneNumberId(PHONE_NUMBER_ID)
                .setRecipientId("16505551234")
                .setBizOpaqueCallbackData(callbackData)
                .setErrors(status == WhatsAppStatus.FAILED ? List.of(UNDELIVERABLE) : List.of())
                .build();
    }
}
