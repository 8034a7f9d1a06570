package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.ErrorInfo;
import java.util.Set;

/**
 * The one place that maps every Cloud API outcome to what the dispatcher does. Meta's advice is followed: decide on
 * {@code error.code}, not on the HTTP status or the title; the HTTP status only decides when there is no code.
 *
 * <ul>
 *   <li>SENT: any 2xx.</li>
 *   <li>THROTTLE: 4, 80007, 130429, 131056, 131048, 133016; HTTP 429 without a code.</li>
 *   <li>RETRY: 2, 131016, 133004, 131057, 131053, 131000 and 1 (the last two limited); HTTP 5xx or 408 without a
 *       code; a failure before the request was written.</li>
 *   <li>HALT: 0, 190, 3, 10, 200-299, 131005, 368, 131031, 130497, 131042, 131064, 33, 131021, 131037, 131045,
 *       133010, 131063, 134011; HTTP 401/403 without a code.</li>
 *   <li>PERMANENT: 100, 131008, 131009, 131026, 131047, 131049, 131050, 131051, 130403, 130472, 135000, and the
 *       template and flow family 132000-132099.</li>
 *   <li>AMBIGUOUS: no answer after the request was written (timeout, reset): WhatsApp may have accepted it.</li>
 *   <li>Anything else: RETRY, limited.</li>
 * </ul>
 *
 * <p>A HALT stops the whole WhatsApp Business account when the cause is the account's, not the number's
 * ({@link #haltsAccount}): the token (0, 190; HTTP 401/403 without a code), its permissions (3, 10, 200-299,
 * 131005), the account locked (131031), payment (131042), a policy restriction (368) or a country restriction
 * (130497). The other HALT codes (33, 131021, 131037, 131045, 133010, 131063, 131064, 134011) concern the number's
 * registration or configuration and halt only that number.
 */
public final class SendOutcomeClassifier {

    private static final Set<Integer> THROTTLE = Set.of(4, 80007, 130429, 131056, 131048, 133016);
    private static final Set<Integer> RETRY = Set.of(2, 131016, 133004, 131057, 131053);
    private static final Set<Integer> LIMITED_RETRY = Set.of(1, 131000);
    private static final Set<Integer> HALT = Set.of(0, 190, 3, 10, 131005, 368, 131031, 130497, 131042, 131064,
            33, 131021, 131037, 131045, 133010, 131063, 134011);
    private static final Set<Integer> ACCOUNT_HALT = Set.of(0, 190, 3, 10, 131005, 131031, 131042, 368, 130497);
    private static final Set<Integer> PERMANENT = Set.of(100, 131008, 131009, 131026, 131047, 131049, 131050,
            131051, 130403, 130472, 135000);

    /** Whether a HALT verdict stops the whole account (true) or only its business number (false). */
    public static boolean haltsAccount(Classification verdict) {
        if (verdict.action() != SendAction.HALT) {
            return false;
        }
        Integer code = verdict.error() == null ? null : verdict.error().getCode();
        // No code: HTTP 401/403, an authentication refusal, which is about the token and so the account.
        return code == null || ACCOUNT_HALT.contains(code) || (code >= 200 && code <= 299);
    }

    public Classification classify(CloudApiOutcome outcome) {
        if (outcome instanceof CloudApiOutcome.Accepted) {
            return new Classification(SendAction.SENT, "ACCEPTED", false, null);
        }
        if (outcome instanceof CloudApiOutcome.TransportFailure failure) {
            ErrorInfo error = ErrorInfo.newBuilder().setCode(null)
                    .setTitle(failure.requestWritten() ? "No response from the Cloud API" : "Cloud API unreachable")
                    .setDetail(failure.description())
                    .setReason(failure.requestWritten() ? "TIMEOUT_AFTER_WRITE" : "CONNECT_FAILED").build();
            return failure.requestWritten()
                    ? new Classification(SendAction.AMBIGUOUS, "TIMEOUT_AFTER_WRITE", false, error)
                    : new Classification(SendAction.RETRY, "CONNECT_FAILED", false, error);
        }
        CloudApiOutcome.Rejected rejected = (CloudApiOutcome.Rejected) outcome;
        return rejected.code() != null ? byCode(rejected) : byHttpStatus(rejected);
    }

    private static Classification byCode(CloudApiOutcome.Rejected rejected) {
        int code = rejected.code();
        if (THROTTLE.contains(code)) {
            return verdict(SendAction.THROTTLE, "THROTTLED", false, rejected);
        }
        if (RETRY.contains(code)) {
            return verdict(SendAction.RETRY, "TRANSIENT", false, rejected);
        }
        if (LIMITED_RETRY.contains(code)) {
            return verdict(SendAction.RETRY, "TRANSIENT", true, rejected);
        }
        if (HALT.contains(code) || (code >= 200 && code <= 299)) {
            return verdict(SendAction.HALT, "HALT", false, rejected);
        }
        if (PERMANENT.contains(code) || (code >= 132000 && code <= 132099)) {
            return verdict(SendAction.PERMANENT, "PERMANENT", false, rejected);
        }
        return verdict(SendAction.RETRY, "UNKNOWN_CODE", true, rejected);
    }

    private static Classification byHttpStatus(CloudApiOutcome.Rejected rejected) {
        int status = rejected.httpStatus();
        if (status == 429) {
            return verdict(SendAction.THROTTLE, "THROTTLED", false, rejected);
        }
        if (status >= 500 || status == 408) {
            return verdict(SendAction.RETRY, "TRANSIENT", false, rejected);
        }
        if (status == 401 || status == 403) {
            return verdict(SendAction.HALT, "HALT", false, rejected);
        }
        return verdict(SendAction.RETRY, "UNKNOWN_STATUS", true, rejected);
    }

    private static Classification verdict(SendAction action, String reason, boolean limited,
            CloudApiOutcome.Rejected rejected) {
        ErrorInfo error = ErrorInfo.newBuilder()
                .setCode(rejected.code())
                .setTitle(rejected.title())
                .setDetail(rejected.details())
                .setReason(reason)
                .build();
        return new Classification(action, reason, limited, error);
    }
}
