package io.switchboard.ingress.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.http.Envelopes;
import io.switchboard.ingress.support.Timestamps;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the admin API shows of a customer webhook endpoint: its configuration and its delivery state as the
 * dispatcher last published it. The signing secret is never shown, except once in the answer that created or rotated
 * it. {@code state.status} is {@code active}, {@code failing}, {@code disabled} (by the dispatcher after failing too
 * long; enable to resume) or {@code paused} (switched off by an administrator).
 */
public final class WebhookViews {

    private WebhookViews() {
    }

    public static EndpointView endpoint(WebhookEndpoint endpoint, @Nullable WebhookEndpointHealth health) {
        return new EndpointView(endpoint.getEndpointId(), endpoint.getAccountId(), endpoint.getApiKeyId(),
                endpoint.getUrl(), List.copyOf(endpoint.getEvents()), endpoint.getDescription(),
                endpoint.getEnabled(), Timestamps.iso(endpoint.getCreatedAt()),
                Timestamps.iso(endpoint.getUpdatedAt()), state(endpoint, health));
    }

    private static StateView state(WebhookEndpoint endpoint, @Nullable WebhookEndpointHealth health) {
        if (!endpoint.getEnabled()) {
            return new StateView("paused", null, null, null, null, null, null, null);
        }
        if (health == null) {
            return new StateView("active", null, null, null, null, null, null, null);
        }
        String status = health.getState().toLowerCase(Locale.ROOT);
        boolean staleDisable = "disabled".equals(status) && health.getDisabledAt() != null
                && endpoint.getEnabledAt().isAfter(health.getDisabledAt());
        return new StateView(staleDisable ? "active" : status, iso(staleDisable ? null : health.getFailingSince()),
                iso(staleDisable ? null : health.getDisabledAt()),
                staleDisable ? null : health.getDisabledReason(), iso(health.getLastSuccessAt()),
                iso(health.getLastFailureAt()), health.getLastError(), iso(health.getUpdatedAt()));
    }

    @Nullable
    private static String iso(@Nullable Instant instant) {
        return instant == null ? null : Timestamps.iso(instant);
    }

    /** The delivery state. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StateView(String status, @JsonProperty("failing_since") @Nullable String failingSince,
                            @JsonProperty("disabled_at") @Nullable String disabledAt,
                            @JsonProperty("disabled_reason") @Nullable String disabledReason,
                            @JsonProperty("last_success_at") @Nullable String lastSuccessAt,
                            @JsonProperty("last_failure_at") @Nullable String lastFailureAt,
                            @JsonProperty("last_error") @Nullable String lastError,
                            @JsonProperty("updated_at") @Nullable String updatedAt) {
    }

    /** An endpoint as listed and fetched. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EndpointView(String id, @JsonProperty("account_id") String accountId,
                               @JsonProperty("api_key_id") @Nullable String apiKeyId, String url,
                               List<String> events, @Nullable String description, boolean enabled,
                               @JsonProperty("created_at") String createdAt,
                               @JsonProperty("updated_at") String updatedAt, StateView state) {
    }

    /** The answer that creates an endpoint or rotates its secret: the view plus, this once, the secret. */
    @Serdeable
    public record EndpointWithSecret(@JsonUnwrapped EndpointView endpoint, String secret) {
        @Override
        public String toString() {
            return "EndpointWithSecret[" + endpoint.id() + ", <secret redacted>]";
        }
    }

    @Serdeable
    public record Deleted(String id, boolean deleted) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EndpointEnvelope(boolean success, EndpointView data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SecretEnvelope(boolean success, EndpointWithSecret data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ListEnvelope(boolean success, List<EndpointView> data, Envelopes.Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeletedEnvelope(boolean success, Deleted data, Envelopes.Meta meta) {
    }
}
