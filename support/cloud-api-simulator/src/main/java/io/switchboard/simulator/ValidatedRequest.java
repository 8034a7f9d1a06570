package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

/**
 * What a valid {@code POST /messages} asks for: the same endpoint both sends messages and marks inbound
 * messages as read, and the two get different answers.
 */
public sealed interface ValidatedRequest {

    /**
     * A message to send.
     *
     * @param to                    the recipient exactly as the caller wrote it (echoed as {@code contacts[].input})
     * @param waId                  the recipient's digits (Meta's {@code wa_id} and the webhooks' {@code recipient_id})
     * @param type                  the message type
     * @param bizOpaqueCallbackData echoed on status webhooks; null when the send had none
     */
    record MessageSend(String to, String waId, String type, @Nullable String bizOpaqueCallbackData)
            implements ValidatedRequest {

        public boolean isTemplate() {
            return "template".equals(type);
        }
    }

    /** {@code {"status":"read","message_id":...}}: mark an inbound message read, optionally showing typing. */
    record MarkRead(String messageId) implements ValidatedRequest {
    }
}
