package io.switchboard.ingress.inbox;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.RequestFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /messages}, checked: {@code direction} (absent or {@code inbound}; {@code outbound}
 * is refused with a pointer to the status endpoint), {@code from} (E.164; a {@code +} sent unencoded arrives as a
 * space and is read back as {@code +}; digits alone get one), {@code since} (inclusive) and {@code until}
 * (exclusive) as ISO-8601 instants, {@code limit} 1 to the maximum page size, and an opaque {@code cursor} from a
 * previous page. The cursor is the position (received time, wamid) of the last message shown.
 */
public record InboxQuery(@Nullable String from, @Nullable Instant since, @Nullable Instant until, int limit,
                         @Nullable Position cursor) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CURSOR = Pattern.compile("([0-9]{1,15}):(.{1,512})", Pattern.DOTALL);

    /** A message's place in the listing. */
    public record Position(long receivedAtMillis, String wamid) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((receivedAtMillis + ":" + wamid).getBytes(StandardCharsets.UTF_8));
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

    /** Reads the parameters ({@code parameter} answers null for an absent one). */
    public static InboxQuery parse(Function<String, String> parameter, InboxConfiguration config) throws Invalid {
        String direction = parameter.apply("direction");
        if (direction != null && !direction.isBlank()) {
            String value = direction.trim().toLowerCase(Locale.ROOT);
            if (value.equals("outbound")) {
                throw invalid("direction=outbound is not supported: only inbound messages are listed. The status of "
                        + "a message you sent is at GET /api/v1/external/messages/{message_id}");
            }
            if (!value.equals("inbound")) {
                throw invalid("direction must be inbound (the only direction listed)");
            }
        }
        String from = phone(parameter.apply("from"));
        Instant since = instant(parameter.apply("since"), "since");
        Instant until = instant(parameter.apply("until"), "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw invalid("since must be before until");
        }
        int limit = limit(parameter.apply("limit"), config);
        return new InboxQuery(from, since, until, limit, cursor(parameter.apply("cursor")));
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
            throw new Invalid(ApiError.of(ErrorCode.INVALID_PHONE_NUMBER,
                    "from: " + RequestFields.PHONE_FORMAT_MESSAGE));
        }
        return value;
    }

    @Nullable
    private static Instant instant(@Nullable String raw, String name) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim().replace(' ', '+'); // "+05:30" sent unencoded arrives with a space
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 date-time with an offset, e.g. 2025-12-19T10:00:00Z");
        }
    }

    private static int limit(@Nullable String raw, InboxConfiguration config) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return Math.min(config.getDefaultPageSize(), config.getMaxPageSize());
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= config.getMaxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + config.getMaxPageSize());
    }

    @Nullable
    private static Position cursor(@Nullable String raw) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw.trim()), StandardCharsets.UTF_8);
            var match = CURSOR.matcher(decoded);
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
