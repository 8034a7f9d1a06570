package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

/**
 * How often a fault strikes and which sends it may strike. With {@code count} set the fault strikes exactly the
 * next {@code count} matching sends and {@code rate} is ignored (deterministic tests); otherwise each matching send
 * is struck with probability {@code rate}. {@code phone_number_id} and {@code recipient} (digits, a leading
 * {@code +} ignored), when set, restrict the fault to sends from that business number or to that customer.
 */
public interface FaultChance {

    Double rate();

    @Nullable
    Integer count();

    @Nullable
    String phoneNumberId();

    @Nullable
    String recipient();

    /** Whether a send from {@code phoneNumberId} to {@code waId} (digits) is one this fault may strike. */
    default boolean matches(String phoneNumberId, String waId) {
        return (phoneNumberId() == null || phoneNumberId().equals(phoneNumberId))
                && (recipient() == null || CustomerWindows.digits(recipient()).equals(waId));
    }

    /** Whether the fault can ever strike, so that plans with nothing set cost no random draw. */
    default boolean armed() {
        return count() != null ? count() > 0 : rate() > 0;
    }

    static double checkRate(@Nullable Double rate, String field) {
        double value = rate == null ? 0 : rate;
        if (value < 0 || value > 1 || Double.isNaN(value)) {
            throw new IllegalArgumentException(field + ".rate must lie between 0 and 1 (got " + rate + ")");
        }
        return value;
    }

    static void checkCount(@Nullable Integer count, String field) {
        if (count != null && count < 0) {
            throw new IllegalArgumentException(field + ".count must not be negative (got " + count + ")");
        }
    }
}
