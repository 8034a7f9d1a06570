package io.switchboard.ingress.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.ratelimit.RateWindow;
import java.util.List;

/**
 * What became of a send request: queued (message id, recipient, reference, warnings), replayed (the first answer of
 * an Idempotency-Key), simulated (the Cloud API request that would have been sent) or refused (error), with the
 * per-minute window whenever the rate limit was consulted.
 *
 * @param messageId id of the queued message; null when refused or simulated
 * @param to recipient
 * @param reference client's reference
 * @param warnings non-fatal remarks
 * @param error why the request was refused; null otherwise
 * @param window the key's per-minute window, when known
 * @param whatsappRequest for a simulated send, the Cloud API request body; null otherwise
 * @param replayed true when this is the stored answer of an earlier request with the same Idempotency-Key
 */
public record SendOutcome(@Nullable String messageId, @Nullable String to, @Nullable String reference,
                          List<String> warnings, @Nullable ApiError error, @Nullable RateWindow window,
                          @Nullable ObjectNode whatsappRequest, boolean replayed) {

    public static SendOutcome queued(String messageId, PreparedSend send, RateWindow window) {
        return new SendOutcome(messageId, send.to(), send.reference(), send.warnings(), null, window, null, false);
    }

    public static SendOutcome simulated(PreparedSend send, ObjectNode whatsappRequest, RateWindow window) {
        return new SendOutcome(null, send.to(), send.reference(), send.warnings(), null, window, whatsappRequest,
                false);
    }

    public static SendOutcome replayed(String messageId, String to, @Nullable String reference, List<String> warnings,
                                       RateWindow window) {
        return new SendOutcome(messageId, to, reference, warnings, null, window, null, true);
    }

    public static SendOutcome refused(ApiError error, @Nullable RateWindow window) {
        return new SendOutcome(null, null, null, List.of(), error, window, null, false);
    }

    public boolean isQueued() {
        return error == null && whatsappRequest == null;
    }

    public boolean isSimulated() {
        return error == null && whatsappRequest != null;
    }
}
