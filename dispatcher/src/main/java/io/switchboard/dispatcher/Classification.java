package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.ErrorInfo;

/**
 * The verdict on one outcome: the action, a stable reason (written to {@code ErrorInfo.reason} and metrics), whether
 * retries are capped at the smaller "limited" budget (unknown codes, codes Meta says to retry only a few times), and
 * the error as WhatsApp reported it (null when sent).
 */
public record Classification(SendAction action, String reason, boolean limited, ErrorInfo error) {

    /** The same verdict with the error's reason replaced, e.g. by RETRIES_EXHAUSTED when the budget runs out. */
    public ErrorInfo errorWithReason(String newReason) {
        if (error == null) {
            return ErrorInfo.newBuilder().setTitle(newReason).setReason(newReason).build();
        }
        return ErrorInfo.newBuilder(error).setReason(newReason).build();
    }
}
