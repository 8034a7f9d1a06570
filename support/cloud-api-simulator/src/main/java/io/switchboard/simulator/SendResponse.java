package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The 200 body of an accepted send: {@code input} echoes {@code to} as written, {@code wa_id} is its digits, and
 * {@code message_status} appears only for templates ({@code accepted}), as Meta answers.
 */
@Serdeable
public record SendResponse(@JsonProperty("messaging_product") String messagingProduct,
                           List<Contact> contacts,
                           List<Message> messages) {

    public static SendResponse accepted(ValidatedRequest.MessageSend send, String wamid) {
        return new SendResponse("whatsapp", List.of(new Contact(send.to(), send.waId())),
                List.of(new Message(wamid, send.isTemplate() ? "accepted" : null)));
    }

    /** {@code contacts[]}. */
    @Serdeable
    public record Contact(String input, @JsonProperty("wa_id") String waId) {
    }

    /** {@code messages[]}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String id, @JsonProperty("message_status") @Nullable String messageStatus) {
    }

    /** {@code {"success":true}}, the answer to a mark-as-read request. */
    @Serdeable
    public record Success(boolean success) {
    }
}
