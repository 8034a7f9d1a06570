package io.switchboard.ingress.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.http.Envelopes;
import java.util.List;

/**
 * The admin API's success envelopes, the same shape as the public API's ({@code {"success":true,"data":...,
 * "meta":{"request_id":...}}}); one record per shape keeps serialization free of runtime type guessing. Errors use
 * the public API's error envelope unchanged.
 */
public final class AdminEnvelopes {

    private AdminEnvelopes() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyEnvelope(boolean success, AdminViews.KeyView data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CreatedKeyEnvelope(boolean success, AdminViews.CreatedKey data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyListEnvelope(boolean success, List<AdminViews.KeyView> data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeletedKeyEnvelope(boolean success, AdminViews.DeletedKey data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountEnvelope(boolean success, AdminViews.AccountView data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountListEnvelope(boolean success, List<AdminViews.AccountView> data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PhoneNumberEnvelope(boolean success, AdminViews.PhoneNumberView data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PhoneNumberListEnvelope(boolean success, List<AdminViews.PhoneNumberView> data,
                                          Envelopes.Meta meta) {
    }
}
