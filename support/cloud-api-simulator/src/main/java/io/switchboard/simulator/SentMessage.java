package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A message the simulator accepted, as {@code GET /_sim/messages} shows it and as the status webhooks need it.
 *
 * @param wamid                 the id returned to the caller and used on every status webhook
 * @param phoneNumberId         the business number from the request path
 * @param to                    the recipient as the caller wrote it
 * @param waId                  the recipient's digits
 * @param type                  the message type
 * @param bizOpaqueCallbackData the caller's correlation data, echoed on statuses; null when absent
 * @param acceptedAt            ISO-8601 UTC time of acceptance
 * @param request               the request body as received
 * @param templateCategory      a template's category from the template list, lower case ({@code utility}, ...),
 *                              for pricing; null for other messages or a template the list does not know
 * @param receivedAt            ISO-8601 UTC time the request arrived, before the simulated latency (acceptance is
 *                              after it); null when unknown
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SentMessage(
        String wamid,
        @JsonProperty("phone_number_id") String phoneNumberId,
        String to,
        @JsonProperty("wa_id") String waId,
        String type,
        @JsonProperty("biz_opaque_callback_data") @Nullable String bizOpaqueCallbackData,
        @JsonProperty("accepted_at") String acceptedAt,
        JsonNode request,
        @JsonProperty("template_category") @Nullable String templateCategory,
        @JsonProperty("received_at") @Nullable String receivedAt) {

    public SentMessage(String wamid, String phoneNumberId, String to, String waId, String type,
                       @Nullable String bizOpaqueCallbackData, String acceptedAt, JsonNode request) {
        this(wamid, phoneNumberId, to, waId, type, bizOpaqueCallbackData, acceptedAt, request, null, null);
    }

    public SentMessage(String wamid, String phoneNumberId, String to, String waId, String type,
                       @Nullable String bizOpaqueCallbackData, String acceptedAt, JsonNode request,
                       @Nullable String templateCategory) {
        this(wamid, phoneNumberId, to, waId, type, bizOpaqueCallbackData, acceptedAt, request, templateCategory, null);
    }

    public boolean isTemplate() {
        return "template".equals(type);
    }
}
