package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.RequestFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string of the outbound listing ({@code GET /messages?direction=outbound}), checked: {@code reference}
 * (exact), {@code to} (E.164; an unencoded {@code +} arrives as a space and is read back, digits alone get one),
 * {@code status} (one or more, comma-separated), {@code since} (inclusive) and {@code until} (exclusive) acceptance
 * times as ISO-8601 instants with an offset, {@code limit}, and the opaque {@code cursor} of a previous page. Any
 * other parameter is refused by name, so a filter is never silently ignored.
 */
public record OutboundQuery(@Nullable String reference, @Nullable String to, List<String> statuses,
                            @Nullable Instant since, @Nullable Instant until, int limit, @Nullable Position cursor) {

    static final List<String> STATUSES = List.of("queued", "sent", "delivered", "read", "failed", "expired");
    /** Filters only outbound messages have: with them and no direction, the listing is the outbound one. */
    static final Set<String> OUTBOUND_FILTERS = Set.of("reference", "to", "status");
    private static final Set<String> PARAMETERS = Set.of("direction", "reference", "to", "status", "since", "until",
            "limit", "cursor");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CURSOR = Pattern.compile("o1:([0-9]{1,15}):(.{1,200})", Pattern.DOTALL);
    private static final int MAX_REFERENCE = 100;

    /** A message's place in the listing: its acceptance time and id. */
    public record Position(long acceptedAtMillis, String messageId) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("o1:" + acceptedAtMillis + ":" + messageId).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Thrown with the 400 to answer. */
    public static final class Invalid extends Exception {

        private final ApiError error;

        Invalid(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }

    /** Whether {@code GET /messages} asks for outbound messages: {@code direction=outbound}, or an outbound filter. */
    public static boolean isOutbound(Function<String, String> parameter) {
        String direction = parameter.apply("direction");
        if (direction != null && !direction.isBlank()) {
            return direction.trim().equalsIgnoreCase("outbound");
        }
        return OUTBOUND_FILTERS.stream().anyMatch(name -> parameter.apply(name) != null);
    }

    /** Reads the parameters; {@code names} are all the names the request has. */
    public static OutboundQuery parse(Collection<String> names, Function<String, String> parameter, int defaultLimit,
                                      int maxLimit) throws Invalid {
        for (String name : names) {
            if (name.equals("from")) {
                throw invalid("from filters inbound messages (direction=inbound); outbound messages are filtered by to");
            }
            if (!PARAMETERS.contains(name)) {
                throw invalid("unknown query parameter '" + name + "': outbound messages are filtered by reference, "
                        + "to, status, since and until, and paged with limit and cursor");
            }
        }
        String reference = parameter.apply("reference");
        if (reference != null && (reference.isEmpty() || reference.length() > MAX_REFERENCE)) {
            throw invalid("reference must be 1 to " + MAX_REFERENCE + " characters, exactly as it was sent");
        }
        Instant since = instant(parameter.apply("since"), "since");
        Instant until = instant(parameter.apply("until"), "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw invalid("since must be before until");
        }
        return new OutboundQuery(reference, phone(parameter.apply("to")), statuses(parameter.apply("status")), since,
                until, limit(parameter.apply("limit"), defaultLimit, maxLimit), cursor(parameter.apply("cursor")));
    }

    /** The projector's query parameters for this search. */
    Map<String, String> projectorQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        if (reference != null) {
            query.put("reference", reference);
        }
        if (to != null) {
            query.put("recipient", to);
        }
        if (!statuses.isEmpty()) {
            query.put("status", String.join(",", statuses));
        }
        if (since != null) {
            query.put("since_ms", Long.toString(since.toEpochMilli()));
        }
        if (until != null) {
            query.put("until_ms", Long.toString(until.toEpochMilli()));
        }
        if (cursor != null) {
            query.put("after_ms", Long.toString(cursor.acceptedAtMillis()));
            query.put("after_id", cursor.messageId());
        }
        query.put("limit", Integer.toString(limit));
        return query;
    }

    @Nullable
    private static String phone(@Nullable String raw) throws Invalid {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String value = raw.startsWith(" ") ? "+" + raw.substring(1) : raw.trim();
        if (DIGITS.matcher(value).matches()) {
            value = "+" + value;
        }
        if (!RequestFields.isE164(value)) {
            throw new Invalid(ApiError.of(ErrorCode.INVALID_PHONE_NUMBER, "to: " + RequestFields.PHONE_FORMAT_MESSAGE));
        }
        return value;
    }

    private static List<String> statuses(@Nullable String raw) throws Invalid {
        List<String> statuses = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return statuses;
        }
        for (String one : raw.split(",")) {
            String status = one.trim().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw invalid("status must be one or more of " + String.join(", ", STATUSES)
                        + " (comma-separated), not '" + one.trim() + "'");
            }
            if (!statuses.contains(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    @Nullable
    private static Instant instant(@Nullable String raw, String name) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 date-time with an offset, e.g. 2025-12-19T10:00:00Z");
        }
    }

    private static int limit(@Nullable String raw, int defaultLimit, int maxLimit) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return Math.min(defaultLimit, maxLimit);
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + maxLimit);
    }

    @Nullable
    private static Position cursor(@Nullable String raw) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Matcher match = CURSOR.matcher(new String(Base64.getUrlDecoder().decode(raw.trim()),
                    StandardCharsets.UTF_8));
            if (match.matches()) {
                return new Position(Long.parseLong(match.group(1)), match.group(2));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid("cursor is not valid: pass meta.pagination.next_cursor of the previous page as it was");
    }

    private static Invalid invalid(String message) {
        return new Invalid(ApiError.validation(message));
    }
}
