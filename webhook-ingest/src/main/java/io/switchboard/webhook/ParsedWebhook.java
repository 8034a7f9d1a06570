package io.switchboard.webhook;

import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import java.util.List;

/**
 * What one webhook body holds for us: its statuses and inbound messages, in the order Meta listed them, and a short
 * note for every part we acknowledge without modelling (other fields, other objects, shapes we do not recognise).
 * Notes carry no personal data, so they can be logged as they are; the body itself is archived on webhook-payloads.
 *
 * @param statuses one record per {@code statuses[]} entry
 * @param messages one record per {@code messages[]} entry
 * @param skipped notes on what was acknowledged but not mapped
 */
public record ParsedWebhook(List<StatusUpdate> statuses, List<InboundMessage> messages, List<String> skipped) {

    public ParsedWebhook {
        statuses = List.copyOf(statuses);
        messages = List.copyOf(messages);
        skipped = List.copyOf(skipped);
    }

    /** A body that yields no records, e.g. for another {@code object}. */
    static ParsedWebhook nothing(String note) {
        return new ParsedWebhook(List.of(), List.of(), List.of(note));
    }
}
