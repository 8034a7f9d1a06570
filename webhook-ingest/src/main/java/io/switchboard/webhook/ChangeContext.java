package io.switchboard.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * What every status and message of one {@code entry[].changes[]} item shares: the WhatsApp Business Account
 * ({@code entry.id}), the business number from {@code value.metadata}, the senders' profile names from
 * {@code value.contacts[]} (by {@code wa_id}) and when we received the POST.
 *
 * @param wabaId {@code entry[].id}, may be null
 * @param phoneNumberId {@code metadata.phone_number_id}
 * @param displayPhoneNumber {@code metadata.display_phone_number}, may be null
 * @param profileNames {@code contacts[].wa_id} to {@code contacts[].profile.name}
 * @param receivedAt when this service received the webhook
 */
record ChangeContext(
        String wabaId,
        String phoneNumberId,
        String displayPhoneNumber,
        Map<String, String> profileNames,
        Instant receivedAt) {
}
