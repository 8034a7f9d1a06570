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
 * Builds the exact bytes of a status notification as section 4 of whatsapp-cloud-api.md shows it: one entry for
 * the WABA, one {@code messages} change, one status whose {@code timestamp} is Unix seconds as a string and whose
 * {@code recipient_id} is the recipient's digits. {@code biz_opaque_callback_data} is echoed when the send had it.
 * {@code pricing} rides on {@code sent} and {@code delivered} only, as Meta sends it on sent and one later status;
 * {@code conversation} is left out, as from v24.0. Pricing cannot know a template's category until the simulator
 * has a template list, so templates are billed as {@code utility} and everything else is a free service message
 * (it can only be sent inside a customer service window).
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
        Pricing pricing = "read".equals(status) ? null : pricingOf(message);
        Status entryStatus = new Status(message.wamid(), status, Long.toString(at.getEpochSecond()),
                message.waId(), message.bizOpaqueCallbackData(), pricing);
        ChangeValue value = new ChangeValue("whatsapp",
                new Metadata(config.getDisplayPhoneNumber(), message.phoneNumberId()), List.of(entryStatus));
        Notification notification = new Notification("whatsapp_business_account",
                List.of(new Entry(config.getWabaId(), List.of(new Change("messages", value)))));
        try {
            return json.writeValueAsBytes(notification);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a status notification", e);
        }
    }

    private static Pricing pricingOf(SentMessage message) {
        return message.isTemplate()
                ? new Pricing(true, "PMP", "regular", "utility")
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

    /** The payload of a {@code messages} change; inbound messages will add their own lists beside statuses. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeValue(@JsonProperty("messaging_product") String messagingProduct,
                              Metadata metadata,
                              @Nullable List<Status> statuses) {
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
                         @Nullable Pricing pricing) {
    }

    /** {@code pricing} on a status. */
    @Serdeable
    public record Pricing(boolean billable,
                          @JsonProperty("pricing_model") String pricingModel,
                          String type,
                          String category) {
    }
}
