package io.switchboard.projector.query;

import io.switchboard.projector.topology.OutboundKeys;
import io.switchboard.projector.topology.OutboundPosition;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One search of an account's outbound messages: an exact client reference and/or recipient, statuses, an acceptance
 * time range ({@code since} inclusive, {@code until} exclusive), the position after which the page starts, and the
 * page size. The most selective index is scanned (reference, then recipient, then the whole account); the other
 * filters are checked on each message. Read from and written to the internal query string, so a coordinator forwards
 * exactly the search it was asked.
 */
public record OutboundFilter(String accountId, String reference, String recipient, Set<MessageState> statuses,
                             Long sinceMillis, Long untilMillis, OutboundPosition after, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 50;

    /** The prefix of the index this search scans. */
    byte[] prefix() {
        if (reference != null) {
            return OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, accountId, reference);
        }
        if (recipient != null) {
            return OutboundKeys.prefix(OutboundKeys.BY_RECIPIENT, accountId, recipient);
        }
        return OutboundKeys.prefix(OutboundKeys.BY_ACCOUNT, accountId);
    }

    /** Whether a message found in the scanned index passes every filter. */
    boolean matches(MessageStatus status) {
        return accountId.equals(status.getAccountId())
                && (reference == null || reference.equals(status.getReference()))
                && (recipient == null || recipient.equals(status.getRecipient()))
                && (statuses.isEmpty() || statuses.contains(status.getStatus()));
    }

    /**
     * Reads {@code reference}, {@code recipient}, {@code status} (comma-separated), {@code since_ms},
     * {@code until_ms}, {@code after_ms} with {@code after_id}, and {@code limit}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static OutboundFilter parse(String accountId, Function<String, String> parameter) {
        Set<MessageState> statuses = EnumSet.noneOf(MessageState.class);
        String status = blankToNull(parameter.apply("status"));
        if (status != null) {
            for (String one : status.split(",")) {
                try {
                    statuses.add(MessageState.valueOf(one.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("status: unknown status '" + one.trim() + "'");
                }
            }
        }
        Long since = millis(parameter, "since_ms");
        Long until = millis(parameter, "until_ms");
        if (since != null && until != null && since >= until) {
            throw new IllegalArgumentException("since_ms must be before until_ms");
        }
        Long afterMillis = millis(parameter, "after_ms");
        String afterId = blankToNull(parameter.apply("after_id"));
        if ((afterMillis == null) != (afterId == null)) {
            throw new IllegalArgumentException("after_ms and after_id go together");
        }
        Long limit = millis(parameter, "limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        return new OutboundFilter(accountId, blankToNull(parameter.apply("reference")),
                blankToNull(parameter.apply("recipient")), statuses, since, until,
                afterId == null ? null : new OutboundPosition(afterMillis, afterId),
                limit == null ? DEFAULT_LIMIT : limit.intValue());
    }

    /** The query string {@link #parse} reads back. */
    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "reference", reference);
        put(query, "recipient", recipient);
        if (!statuses.isEmpty()) {
            query.put("status", String.join(",", statuses.stream().map(Enum::name).toList()));
        }
        put(query, "since_ms", sinceMillis);
        put(query, "until_ms", untilMillis);
        if (after != null) {
            query.put("after_ms", Long.toString(after.acceptedAtMillis()));
            query.put("after_id", after.messageId());
        }
        query.put("limit", Integer.toString(limit));
        return query;
    }

    private static void put(Map<String, String> query, String name, Object value) {
        if (value != null) {
            query.put(name, value.toString());
        }
    }

    private static Long millis(Function<String, String> parameter, String name) {
        String raw = blankToNull(parameter.apply(name));
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
