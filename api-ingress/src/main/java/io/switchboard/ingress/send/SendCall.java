package io.switchboard.ingress.send;

import io.micronaut.core.annotation.Nullable;
import java.util.concurrent.Executor;

/**
 * One HTTP send request as the controller received it: nothing parsed yet, so every problem is answered by the
 * send service in the API's own terms.
 *
 * @param apiKey the X-API-Key header
 * @param contentType the Content-Type header
 * @param body the raw body
 * @param idempotencyKey the Idempotency-Key header
 * @param simulate true for X-Simulate: true or ?simulate=true
 * @param answerOn where Kafka's acknowledgement is completed: the request's own event loop, so the 202 is built and
 *                 written there with no further thread hop; null for the publisher's own pool
 */
public record SendCall(@Nullable String apiKey, @Nullable String contentType, @Nullable byte[] body,
                       @Nullable String idempotencyKey, boolean simulate, @Nullable Executor answerOn) {

    public SendCall(@Nullable String apiKey, @Nullable String contentType, @Nullable byte[] body,
                    @Nullable String idempotencyKey, boolean simulate) {
        this(apiKey, contentType, body, idempotencyKey, simulate, null);
    }
}
