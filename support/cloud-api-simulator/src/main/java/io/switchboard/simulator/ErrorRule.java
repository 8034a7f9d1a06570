package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One injected refusal: sends it strikes (see {@link FaultChance}) are answered with Meta's envelope for
 * {@code code}, nothing is sent and no webhook follows. Title, details and HTTP status come from
 * {@link ErrorCatalog} unless given here; a code the catalogue does not know needs its {@code title}.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ErrorRule(@Nullable Integer code,
                        @Nullable Double rate,
                        @Nullable Integer count,
                        @JsonProperty("http_status") @Nullable Integer httpStatus,
                        @JsonProperty("phone_number_id") @Nullable String phoneNumberId,
                        @Nullable String recipient,
                        @Nullable String title,
                        @Nullable String details) implements FaultChance {

    public ErrorRule {
        if (code == null) {
            throw new IllegalArgumentException("errors[].code is required");
        }
        rate = FaultChance.checkRate(rate, "errors[code " + code + "]");
        FaultChance.checkCount(count, "errors[code " + code + "]");
        if (httpStatus != null) {
            FaultPlan.checkStatus(httpStatus, "errors[code " + code + "].http_status");
        }
        if (title == null && ErrorCatalog.find(code).isEmpty()) {
            throw new IllegalArgumentException("errors: code " + code + " is not in the simulator's catalogue;"
                    + " give its \"title\" (and \"details\")");
        }
    }

    /** The error a struck send is answered with. */
    public GraphError toError() {
        ErrorCatalog.Entry known = ErrorCatalog.find(code).orElse(null);
        return new GraphError(
                httpStatus != null ? httpStatus : known != null ? known.httpStatus() : 400,
                code,
                title != null ? title : known.title(),
                details != null ? details : known != null ? known.details() : title);
    }
}
