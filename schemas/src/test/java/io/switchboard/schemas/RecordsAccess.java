package io.switchboard.schemas;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.InboundReply;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusTransition;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TemplateParameter;
import io.switchboard.schemas.avro.TextContent;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic records, shaped like the seeds' examples, for serde tests. */
public final class RecordsAccess {

    public static final Instant ACCEPTED = Instant.parse("2025-12-19T10:00:00Z");

    private RecordsAccess() {
    }

    public static SendCommand text() {
        return base(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody("Hello! This is a test message from the API.").build())
                .setReference("test-msg-001")
                .build();
    }

    public static SendCommand namedTemplate() {
        return base(MessageKind.TEMPLATE)
                .setTemplate(TemplateContent.newBuilder().setName("order_confirmation").setLanguage("en")
                        .setVariables(Map.of("customer_name", "John Doe", "order_id", "ORD-12345"))
                        .setComponents(List.of(TemplateComponent.newBuilder().setType("body").setParameters(List.of(
                                TemplateParameter.newBuilder().setType("text").setText("John Doe").build(),
                                TemplateParameter.newBuilder().setType("image")
                                        .setMedia(MediaRef.newBuilder().setLink("https://example.com/a.jpg").build())
                                        .build())).build()))
                        .build())
                .setReference("order-12345")
                .build();
    }

    public static SendCommand interactiveList() {
        return base(MessageKind.INTERACTIVE_LIST)
                .setInteractive(InteractiveContent.newBuilder().setType(InteractiveType.LIST)
                        .setHeader(InteractiveHeader.newBuilder().setType(HeaderType.TEXT).setText("Our Products").build())
                        .setBody("Browse our popular products and select one to learn more!")
                        .setListButton("View Catalog")
                        .setSections(List.of(ListSection.newBuilder().setTitle("Electronics").setRows(List.of(
                                ListRow.newBuilder().setId("prod_laptop_001").setTitle("Laptop Pro 15")
                                        .setDescription("High-performance laptop - $999").build())).build()))
                        .build())
                .build();
    }

    public static StatusUpdate failedStatus() {
        return StatusUpdate.newBuilder().setWamid("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI").setStatus(WhatsAppStatus.FAILED)
                .setRawStatus("failed").setOccurredAt(Instant.parse("2025-06-15T23:27:53Z")).setReceivedAt(ACCEPTED)
                .setPhoneNumberId("106540352242922").setRecipientId("16505551234")
                .setErrors(List.of(ErrorInfo.newBuilder().setCode(131026).setTitle("Message undeliverable").build()))
                .build();
    }

    public static InboundMessage buttonReply() {
        return InboundMessage.newBuilder().setWamid("wamid.xyz123").setPhoneNumberId("106540352242922")
                .setFrom("+919876543210").setProfileName("Sheena Nelson").setSentAt(ACCEPTED).setReceivedAt(ACCEPTED)
                .setType("interactive")
                .setReply(InboundReply.newBuilder().setKind("button_reply").setId("confirm_order_12345")
                        .setTitle("Confirm").build())
                .setRawJson("{\"type\":\"interactive\"}")
                .build();
    }

    public static MessageStatus readStatus() {
        return MessageStatus.newBuilder().setMessageId("550e8400-e29b-41d4-a716-446655440000")
                .setStatus(MessageState.READ).setKind(MessageKind.TEXT).setRecipient("+919876543210")
                .setUpdatedAt(ACCEPTED.plusSeconds(3))
                .setTimeline(List.of(
                        StatusTransition.newBuilder().setStatus(MessageState.QUEUED).setAt(ACCEPTED).setSource("api").build(),
                        StatusTransition.newBuilder().setStatus(MessageState.READ).setAt(ACCEPTED.plusSeconds(3))
                                .setSource("whatsapp").build()))
                .build();
    }

    private static SendCommand.Builder base(MessageKind kind) {
        return SendCommand.newBuilder().setMessageId("550e8400-e29b-41d4-a716-446655440000").setAccountId("demo")
                .setPhoneNumberId("106540352242922").setRecipient("+919876543210").setKind(kind)
                .setAcceptedAt(ACCEPTED).setExpiresAt(ACCEPTED.plusSeconds(86_400));
    }
}
