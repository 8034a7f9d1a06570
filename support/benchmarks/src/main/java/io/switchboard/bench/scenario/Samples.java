package io.switchboard.bench.scenario;

import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TextContent;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The payloads of the load: API request bodies (text and named-template sends, as in the API's examples), send commands and
 * status updates as the services write them, and the recipients they go to. Recipient {@code n} is
 * {@code +1555} followed by n in seven digits, so a run of up to ten million sends never repeats a recipient and no
 * per-recipient limit is met unless asked for.
 */
public final class Samples {

    private Samples() {
    }

    public static String recipient(String prefix, long n) {
        return String.format(Locale.ROOT, "%s%07d", prefix, n % 10_000_000);
    }

    public static byte[] textBody(long n) {
        return ("{\"to\":\"" + recipient("+1555", n) + "\",\"message\":\"Your order " + n
                + " has shipped and will arrive tomorrow.\",\"reference\":\"bench-" + n + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] templateBody(long n) {
        return ("{\"to\":\"" + recipient("+1555", n) + "\",\"template_name\":\"order_confirmation\",\"language\":\"en\","
                + "\"variables\":{\"customer_name\":\"Ana\",\"order_id\":\"ORD-" + n + "\",\"total_amount\":\"$"
                + (n % 500) + ".00\"},\"reference\":\"bench-" + n + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A template send command (hello_world, no parameters: valid for every number at the simulator). */
    public static SendCommand templateCommand(String messageId, String accountId, String phoneNumberId,
                                              String recipient) {
        Instant now = Instant.now();
        return SendCommand.newBuilder()
                .setMessageId(messageId)
                .setAccountId(accountId)
                .setPhoneNumberId(phoneNumberId)
                .setRecipient(recipient)
                .setKind(MessageKind.TEMPLATE)
                .setTemplate(TemplateContent.newBuilder().setName("hello_world").setLanguage("en_US")
                        .setComponents(List.of()).build())
                .setReference("bench")
                .setApiKeyId("bench")
                .setAcceptedAt(now)
                .setExpiresAt(now.plus(Duration.ofHours(1)))
                .setSource("bench")
                .build();
    }

    /** A text send command, the shape the ingress writes for {@link #textBody}. */
    public static SendCommand textCommand(String messageId, String phoneNumberId, String recipient) {
        Instant now = Instant.now();
        return SendCommand.newBuilder()
                .setMessageId(messageId)
                .setAccountId("demo")
                .setPhoneNumberId(phoneNumberId)
                .setRecipient(recipient)
                .setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody("Your order 1234567 has shipped and will arrive tomorrow.")
                        .setPreviewUrl(false).build())
                .setReference("bench-1234567")
                .setApiKeyId("0123456789abcdef")
                .setAcceptedAt(now)
                .setExpiresAt(now.plus(Duration.ofHours(24)))
                .setSource("api")
                .build();
    }

    /** A WhatsApp status as webhook-ingest writes it, with our message id echoed as callback data. */
    public static StatusUpdate status(String wamid, String messageId, WhatsAppStatus status, String phoneNumberId,
                                      String recipientDigits) {
        Instant now = Instant.now();
        return StatusUpdate.newBuilder()
                .setWamid(wamid)
                .setStatus(status)
                .setRawStatus(status.name().toLowerCase(Locale.ROOT))
                .setOccurredAt(now)
                .setReceivedAt(now)
                .setPhoneNumberId(phoneNumberId)
                .setWabaId("100000000000001")
                .setRecipientId(recipientDigits)
                .setBizOpaqueCallbackData(messageId)
                .setPricingCategory(status == WhatsAppStatus.READ ? null : "utility")
                .setBillable(status == WhatsAppStatus.READ ? null : Boolean.TRUE)
                .build();
    }
}
