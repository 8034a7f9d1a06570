package io.switchboard.dispatcher.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One customer-facing event before it is addressed to endpoints: its type, the key that identifies it (for the
 * deterministic webhook id), the key it is ordered by, and its JSON body
 * ({@code {"event","timestamp","data":{...}}}).
 *
 * @param type {@code message.status} or {@code message.received}
 * @param eventKey unique per event: {@code messageId:status} or the inbound wamid
 * @param orderKey the source record's key; events with the same order key reach an endpoint in order
 * @param accountId the account the event belongs to
 * @param apiKeyId the key the message was sent with (status events), else null
 * @param payload the JSON body
 */
public record CustomerEvent(String type, String eventKey, String orderKey, String accountId, String apiKeyId,
                            String payload) {

    public static final String STATUS = "message.status";
    public static final String RECEIVED = "message.received";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** ISO-8601 in UTC with milliseconds, as the documented webhook examples show ({@code 2025-12-23T14:35:00.000Z}). */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
