package io.switchboard.ingress.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/**
 * A valid request to create or replace a WhatsApp account: {@code account_id} (letters, digits, '.', '_', '-', at
 * most 64), {@code name} (at most 100), {@code waba_id} and {@code phone_number_id} (digit strings, as Meta issues
 * them), {@code display_phone_number} (optional, at most 32) and {@code messages_per_second} (default 80, 1..1000,
 * Cloud API's default throughput).
 */
public record NewAccountRequest(String accountId, String name, String wabaId, String phoneNumberId,
                                @Nullable String displayPhoneNumber, int messagesPerSecond) {

    public static NewAccountRequest from(ObjectNode body) {
        AdminFields fields = new AdminFields(body);
        return new NewAccountRequest(fields.identifier("account_id"), fields.requiredText("name", 100),
                fields.digits("waba_id"), fields.digits("phone_number_id"),
                fields.optionalText("display_phone_number", 32), fields.integer("messages_per_second", 80, 1, 1000));
    }
}
