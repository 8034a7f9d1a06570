package io.switchboard.webhook;

import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis keys that identify a record for deduplication, and the filtering of a parsed webhook by Redis's verdict.
 *
 * <p>Rule: an inbound message is identified by its message id ({@code wh:in:{wamid}}), a status by its wamid and
 * status word exactly as WhatsApp sent it ({@code wh:st:{wamid}:{rawStatus}}), so {@code sent}, {@code delivered}
 * and {@code read} of one message are three different records. Keys are listed statuses first, then messages, in
 * the order of {@link ParsedWebhook}; verdicts come back in the same order.
 */
final class DedupKeys {

    /** Redis's answer for one key. */
    enum Verdict {
        /** Never seen: this request claimed the key and publishes the record. */
        CLAIMED,
        /** Already published (or listed earlier in this same batch): dropped. */
        DUPLICATE,
        /** Claimed by another request still publishing: published too, since that request may yet fail. */
        IN_FLIGHT
    }

    /**
     * A webhook after deduplication.
     *
     * @param publish the records to publish
     * @param claimed the keys this request claimed: confirmed after Kafka's acknowledgement, released on failure
     * @param duplicateStatuses statuses dropped
     * @param duplicateMessages inbound messages dropped
     */
    record Filtered(ParsedWebhook publish, List<String> claimed, int duplicateStatuses, int duplicateMessages) {
    }

    private DedupKeys() {
    }

    static String statusKey(StatusUpdate status) {
        return "wh:st:" + status.getWamid() + ":" + status.getRawStatus();
    }

    static String inboundKey(InboundMessage message) {
        return "wh:in:" + message.getWamid();
    }

    /** Every record's key: statuses first, then messages. */
    static List<String> of(ParsedWebhook parsed) {
        List<String> keys = new ArrayList<>(parsed.statuses().size() + parsed.messages().size());
        parsed.statuses().forEach(status -> keys.add(statusKey(status)));
        parsed.messages().forEach(message -> keys.add(inboundKey(message)));
        return keys;
    }

    /** Keeps the records whose verdict is not {@link Verdict#DUPLICATE}; {@code verdicts} follow {@link #of}. */
    static Filtered filter(ParsedWebhook parsed, List<Verdict> verdicts) {
        List<String> keys = of(parsed);
        if (verdicts.size() != keys.size()) {
            throw new IllegalArgumentException(verdicts.size() + " verdicts for " + keys.size() + " keys");
        }
        List<String> claimed = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> messages = new ArrayList<>();
        int index = 0;
        for (StatusUpdate status : parsed.statuses()) {
            if (keep(keys.get(index), verdicts.get(index), claimed)) {
                statuses.add(status);
            }
            index++;
        }
        for (InboundMessage message : parsed.messages()) {
            if (keep(keys.get(index), verdicts.get(index), claimed)) {
                messages.add(message);
            }
            index++;
        }
        return new Filtered(new ParsedWebhook(statuses, messages, parsed.skipped()), claimed,
                parsed.statuses().size() - statuses.size(), parsed.messages().size() - messages.size());
    }

    private static boolean keep(String key, Verdict verdict, List<String> claimed) {
        if (verdict == Verdict.CLAIMED) {
            claimed.add(key);
        }
        return verdict != Verdict.DUPLICATE;
    }
}
