package io.switchboard.webhook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Reads WhatsApp's webhook {@code timestamp}: Unix seconds, usually as a string ({@code "1749416383"}).
 *
 * <p>Rule (after nyaruka/courier): a value above 10^11 cannot be seconds (that is the year 5138), so it is read as
 * milliseconds, which Meta has occasionally sent. A missing or unreadable timestamp falls back to the time we
 * received the webhook, so a record is never dropped for its clock alone.
 */
final class WhatsAppTimestamps {

    /** Larger values are milliseconds: 10^11 seconds is far in the future, 10^11 ms is 1973. */
    static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;

    private WhatsAppTimestamps() {
    }

    /** The instant of {@code raw} (seconds or milliseconds, see the class rule), or {@code fallback}. */
    static Instant parse(String raw, Instant fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = new BigDecimal(raw.trim()).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return fallback;
        }
        if (value <= 0) {
            return fallback;
        }
        return value > MILLISECONDS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
