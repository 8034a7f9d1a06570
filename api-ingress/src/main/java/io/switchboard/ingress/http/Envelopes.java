package io.switchboard.ingress.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.status.MessageStatusView;

/**
 * The JSON envelopes of the public API: {@code {"success":true,"data":...,"meta":...}} and
 * {@code {"success":false,"error":...,"meta":...}}. One record per response shape keeps serialization free of
 * runtime type guessing; field names are the API's snake_case.
 */
public final class Envelopes {

    private Envelopes() {
    }

    /** {@code meta}: always the request id, and the per-minute window where a limit was consulted. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(@JsonProperty("request_id") String requestId,
                       @JsonProperty("rate_limit") @Nullable RateLimitMeta rateLimit) {
    }

    /** {@code meta.rate_limit}: the per-minute window of the key after this request. */
    @Serdeable
    public record RateLimitMeta(long limit, long remaining, @JsonProperty("reset_at") String resetAt) {
    }

    /** {@code data} of an accepted send. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MessageAccepted(@JsonProperty("message_id") String messageId, String status, String to,
                                  @Nullable String reference,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable java.util.List<String> warnings) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AcceptedEnvelope(boolean success, MessageAccepted data, Meta meta) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusEnvelope(boolean success, MessageStatusView data, Meta meta) {
    }

    /** {@code error}: code and message always; retry_after and limit only on RATE_LIMIT_EXCEEDED. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(String code, String message, @JsonProperty("retry_after") @Nullable Long retryAfter,
                            @Nullable String limit) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ErrorEnvelope(boolean success, ErrorBody error, Meta meta) {

        public static ErrorEnvelope of(ApiError error, Meta meta) {
            return new ErrorEnvelope(false, new ErrorBody(error.code().name(), error.message(),
                    error.retryAfterSeconds(), error.limit()), meta);
        }
    }
}
