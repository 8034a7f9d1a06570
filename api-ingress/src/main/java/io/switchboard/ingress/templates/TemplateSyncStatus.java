package io.switchboard.ingress.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Locale;

/**
 * Where an account's template synchronisation stands on this instance (each instance synchronises on its own): the
 * read model the admin API and {@code /health} show. {@code state}: {@code pending} (not tried yet),
 * {@code ok} (the last read listed templates), {@code empty} (the last read listed none: nothing can be sent by
 * name), {@code failed} (the last read failed: the templates of the last good read are kept), {@code disabled}
 * (this instance does not synchronise).
 *
 * @param accountId the account
 * @param wabaId the WhatsApp Business account its templates are read from
 * @param state see above
 * @param message what the state means for the account, in a sentence
 * @param lastAttemptAt when the last read finished; null before the first
 * @param lastSuccessAt when the last good read finished; null before the first
 * @param listed how many templates the last good read listed; null before the first
 * @param templates how many of the account's templates this instance holds now
 * @param approved how many of those are APPROVED (the ones that can be sent)
 * @param consecutiveFailures failed reads since the last good one
 * @param lastError why the last read failed; null when it did not
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TemplateSyncStatus(@JsonProperty("account_id") String accountId,
                                 @JsonProperty("waba_id") String wabaId,
                                 String state,
                                 String message,
                                 @JsonProperty("last_attempt_at") @Nullable Instant lastAttemptAt,
                                 @JsonProperty("last_success_at") @Nullable Instant lastSuccessAt,
                                 @Nullable Integer listed,
                                 int templates,
                                 int approved,
                                 @JsonProperty("consecutive_failures") int consecutiveFailures,
                                 @JsonProperty("last_error") @Nullable String lastError) {

    /** The states, as shown. */
    public enum State {
        PENDING, OK, EMPTY, FAILED, DISABLED;

        String shown() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the account needs someone's attention (its sync failed or found nothing). */
    public boolean degraded() {
        return State.FAILED.shown().equals(state) || State.EMPTY.shown().equals(state);
    }

    static String message(State state, String wabaId, int consecutiveFailures) {
        return switch (state) {
            case PENDING -> "The templates of WABA " + wabaId + " have not been read yet";
            case OK -> "The templates of WABA " + wabaId + " are synchronised";
            case EMPTY -> "WABA " + wabaId + " lists no templates: nothing can be sent by template until one is"
                    + " created and approved in WhatsApp Manager (or the WABA id is wrong)";
            case FAILED -> "Reading the templates of WABA " + wabaId + " failed " + consecutiveFailures
                    + " time(s) in a row; the templates of the last good read are kept";
            case DISABLED -> "This instance does not synchronise templates (switchboard.ingress.templates"
                    + ".sync-enabled is false)";
        };
    }
}
