package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Builds the exact bytes of a status notification as Meta's status webhook reference shows it
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status): one entry for
 * the WABA, one {@code messages} change, one status (or, batched, several of one business number) whose
 * {@code timestamp} is Unix seconds as a string and whose {@code recipient_id} is the recipient's digits. {@code biz_opaque_callback_data} is echoed when the send had it.
 * {@code pricing} rides on {@code sent} and {@code delivered} only, as Meta sends it on sent and one later status;
 * {@code conversation} is left out, as from v24.0. Templates are billed in their category from the template list
 * ({@code utility} when unknown); everything else is a free service message (it can only be sent inside a customer
 * service window). A {@code failed} status carries {@code errors[]} and no pricing. Inbound messages (a customer
 * writing) go in the same envelope with {@code contacts[]} and {@code messages[]} instead of {@code statuses[]}.
 */
@Singleton
public class WebhookPayloads {

    private final SimulatorConfig config;
    private final JsonMapper json;

    public WebhookPayloads(SimulatorConfig config, JsonMapper json) {
        this.config = config;
        this.json = json;
    }

    public byte[] status(SentMessage message, String status, Instant at) {
        return status(message, status, at, null);
    }

    /** A status; {@code failure}, for a {@code failed} status, becomes its {@code errors[]}. */
    public byte[] status(SentMessage message, String status, Instant at, @Nullable GraphError failure) {
        return statuses(message.phoneNumberId(), List.of(statusEntry(message, status, at, failure)));
    }

    /** One {@code statuses[]} element of the message; {@code failure}, for a {@code failed} status, its errors. */
    public Status statusEntry(SentMessage message, String status, Instant at, @Nullable GraphError failure) {
        boolean priced = !"read".equals(status) && failure == null;
        return new Status(message.wamid(), status, Long.toString(at.getEpochSecond()),
                message.waId(), message.bizOpaqueCallbackData(), priced ? pricingOf(message) : null,
                failure == null ? null : List.of(StatusError.of(failure)));
    }

    /** Several statuses of one business number in one notification: one entry, one change, all in {@code statuses[]}. */
    public byte[] statuses(String phoneNumberId, List<Status> statuses) {
        return serialize(new ChangeValue("whatsapp", new Metadata(config.getDisplayPhoneNumber(), phoneNumberId),
                null, null, List.copyOf(statuses)));
    }

    /** A customer's message to {@code phoneNumberId}, with the customer's profile name in {@code contacts[]}. */
    public byte[] inbound(String phoneNumberId, String profileName, InboundWebhookMessage message) {
        return serialize(new ChangeValue("whatsapp", new Metadata(config.getDisplayPhoneNumber(), phoneNumberId),
                List.of(new Contact(new Profile(profileName), message.from())), List.of(message), null));
    }

    private byte[] serialize(ChangeValue value) {
        Notification notification = new Notification("whatsapp_business_account",
                List.of(new Entry(config.getWabaId(), List.of(new Change("messages", value)))));
        try {
            return json.writeValueAsBytes(notification);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a status notification", e);
        }
    }

    private static Pricing pricingOf(SentMessage message) {
        String category = message.templateCategory() == null ? "utility" : message.templateCategory();
        return message.isTemplate()
                ? new Pricing(true, "PMP", "regular", category)
                : new Pricing(false, "PMP", "free_customer_service", "service");
    }

    /** The top of every webhook Meta posts. */
    @Serdeable
    public record Notification(String object, List<Entry> entry) {
    }

    /** One WABA's changes. */
    @Serdeable
    public record Entry(String id, List<Change> changes) {
    }

    /** One change; {@code field} is {@code messages} for statuses and inbound messages alike. */
    @Serdeable
    public record Change(String field, ChangeValue value) {
    }

    /** The payload of a {@code messages} change: either a customer's message with its contact, or statuses. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeValue(@JsonProperty("messaging_product") String messagingProduct,
                              Metadata metadata,
                              @Nullable List<Contact> contacts,
                              @Nullable List<InboundWebhookMessage> messages,
                              @Nullable List<Status> statuses) {
    }

    /** {@code contacts[]}: who wrote, as WhatsApp shows them. */
    @Serdeable
    public record Contact(Profile profile, @JsonProperty("wa_id") String waId) {
    }

    /** The customer's WhatsApp profile. */
    @Serdeable
    public record Profile(String name) {
    }

    /** One {@code statuses[].errors[]} element, Meta's webhook error shape. */
    @Serdeable
    public record StatusError(int code, String title, String message,
                              @JsonProperty("error_data") ErrorDetails errorData, String href) {

        static StatusError of(GraphError error) {
            return new StatusError(error.code(), error.title(), error.title(), new ErrorDetails(error.details()),
                    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        }
    }

    /** {@code error_data} of a webhook error. */
    @Serdeable
    public record ErrorDetails(String details) {
    }

    /** The business number the change is about. */
    @Serdeable
    public record Metadata(@JsonProperty("display_phone_number") String displayPhoneNumber,
                           @JsonProperty("phone_number_id") String phoneNumberId) {
    }

    /** One {@code statuses[]} element. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String id, String status, String timestamp,
                         @JsonProperty("recipient_id") String recipientId,
                         @JsonProperty("biz_opaque_callback_data") @Nullable String bizOpaqueCallbackData,
                         @Nullable Pricing pricing,
                         @Nullable List<StatusError> errors) {
    }

    /** {@code pricing} on a status. */
    @Serdeable
    public record Pricing(boolean billable,
                          @JsonProperty("pricing_model") String pricingModel,
                          String type,
                          String category) {
    }
}
