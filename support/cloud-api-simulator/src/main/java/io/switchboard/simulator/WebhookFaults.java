package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Status webhook faults, each with its own {@link FaultChance}, drawn once per accepted send: {@code skip_all}
 * (no status at all), {@code fail} (a {@code failed} status whose {@code errors[]} carry {@code code}, default
 * 131026, after {@code sent} or instead of every status), {@code skip_delivered} ({@code read} without
 * {@code delivered}), {@code reorder} (the last two statuses swap: read before delivered, or delivered before
 * sent), {@code duplicate} (one status, {@code delivered} when planned, posted twice with the same bytes);
 * {@code delay_ms} is added to every gap between statuses. See {@link StatusPlan#of} for how they combine.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record WebhookFaults(@JsonProperty("skip_delivered") @Nullable Chance skipDelivered,
                            @JsonProperty("skip_all") @Nullable Chance skipAll,
                            @Nullable Chance duplicate,
                            @Nullable Chance reorder,
                            @Nullable Fail fail,
                            @JsonProperty("delay_ms") @Nullable Long delayMs) {

    public WebhookFaults {
        skipDelivered = skipDelivered == null ? Chance.NEVER : skipDelivered;
        skipAll = skipAll == null ? Chance.NEVER : skipAll;
        duplicate = duplicate == null ? Chance.NEVER : duplicate;
        reorder = reorder == null ? Chance.NEVER : reorder;
        fail = fail == null ? new Fail(null, null, null, null, null, null) : fail;
        delayMs = delayMs == null ? 0L : delayMs;
        FaultPlan.requireNonNegative(delayMs, "webhooks.delay_ms");
    }

    /** A plain {@link FaultChance}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Chance(@Nullable Double rate, @Nullable Integer count,
                         @JsonProperty("phone_number_id") @Nullable String phoneNumberId,
                         @Nullable String recipient) implements FaultChance {

        static final Chance NEVER = new Chance(null, null, null, null);

        public Chance {
            rate = FaultChance.checkRate(rate, "webhooks");
            FaultChance.checkCount(count, "webhooks");
        }
    }

    /** A {@code failed} status carrying {@code code}; after {@code sent} unless {@code after_sent} is false. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Fail(@Nullable Double rate, @Nullable Integer count,
                       @JsonProperty("phone_number_id") @Nullable String phoneNumberId,
                       @Nullable String recipient,
                       @Nullable Integer code,
                       @JsonProperty("after_sent") @Nullable Boolean afterSent) implements FaultChance {

        public Fail {
            rate = FaultChance.checkRate(rate, "webhooks.fail");
            FaultChance.checkCount(count, "webhooks.fail");
            code = code == null ? ErrorCatalog.UNDELIVERABLE : code;
            afterSent = afterSent == null || afterSent;
            if (ErrorCatalog.find(code).isEmpty()) {
                throw new IllegalArgumentException("webhooks.fail.code " + code + " is not in the catalogue");
            }
        }
    }
}
