package io.switchboard.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * Meta's title, usual {@code details} and usually reported HTTP status for the error codes the simulator can inject
 * (Meta's error-code page, developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 * Titles and details follow that page; the HTTP statuses are the third-party ones (400 for most, 401 for token
 * errors, 403 for policy blocks, 500 for 131000, 503 for service outages), since Meta's table has none and clients
 * must act on {@code code} anyway. An injected error may override any of the three; a code missing here can only be
 * injected with its own {@code title}.
 */
public final class ErrorCatalog {

    /** What Meta says about one code. */
    public record Entry(int httpStatus, String title, String details) {
    }

    public static final int THROUGHPUT = 130429;
    public static final int PAIR_RATE = 131056;
    public static final int UNDELIVERABLE = 131026;

    private static final Map<Integer, Entry> ENTRIES = Map.ofEntries(
            entry(0, 401, "AuthException", "We were unable to authenticate the app user."),
            entry(1, 400, "API Unknown", "Invalid request or possible server error."),
            entry(2, 503, "API Service", "Temporary due to downtime or due to being overloaded."),
            entry(3, 400, "API Method", "Capability or permissions issue."),
            entry(4, 400, "API Too Many Calls", "The app has reached its API call rate limit."),
            entry(10, 403, "API Permission Denied", "Permission is either not granted or has been removed."),
            entry(100, 400, "Invalid parameter", "The request included one or more unsupported or misspelled"
                    + " parameters."),
            entry(190, 401, "Access token has expired", "Your access token has expired."),
            entry(368, 403, "Temporarily blocked for policies violations", "The WhatsApp Business Account"
                    + " associated with the app has been restricted or disabled for violating a platform policy."),
            entry(80007, 400, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit."),
            entry(THROUGHPUT, 400, "Rate limit hit", "Cloud API message throughput has been reached."),
            entry(131000, 500, "Something went wrong", "Message failed to send due to an unknown error."),
            entry(131005, 403, "Access denied", "Permission is either not granted or has been removed."),
            entry(131008, 400, "Required parameter is missing", "The request is missing a required parameter."),
            entry(131009, 400, "Parameter value is not valid", "One or more parameter values are invalid."),
            entry(131016, 503, "Service unavailable", "A service is temporarily unavailable."),
            entry(UNDELIVERABLE, 400, "Message Undeliverable", "Unable to deliver message. Reasons can include:"
                    + " the recipient phone number is not a WhatsApp phone number; the recipient has not accepted"
                    + " our new Terms of Service and Privacy Policy; the recipient is using an old WhatsApp version."),
            entry(131031, 403, "Business Account locked", "The WhatsApp Business Account associated with the app has"
                    + " been restricted or disabled for violating a platform policy."),
            entry(131042, 400, "Business eligibility payment issue", "There was an error related to your payment"
                    + " method."),
            entry(GraphError.RE_ENGAGEMENT, 400, "Re-engagement message", GraphError.RE_ENGAGEMENT_DETAILS),
            entry(131048, 400, "Spam rate limit hit", "Message failed to send because there are restrictions on how"
                    + " many messages can be sent from this phone number. This may be because too many previous"
                    + " messages were blocked or flagged as spam."),
            entry(131049, 400, "This message was not delivered to maintain healthy ecosystem engagement.",
                    "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."),
            entry(131050, 400, "User has stopped marketing messages", "Unable to deliver the marketing message."
                    + " The user has stopped receiving marketing messages from the business."),
            entry(131051, 400, "Unsupported message type", "Unsupported message type."),
            entry(131053, 400, "Media upload error", "Unable to upload the media used in the message."),
            entry(PAIR_RATE, 400, "(Business Account, Consumer Account) pair rate limit hit", "Too many messages"
                    + " sent from the sender phone number to the same recipient phone number in a short period of"
                    + " time."),
            entry(131057, 400, "Account in maintenance mode", "Business Account is in maintenance mode."),
            entry(132000, 400, "Number of parameters does not match the expected number of params", "The number"
                    + " of variable parameter values included in the request did not match the number of variable"
                    + " parameters defined in the template."),
            entry(132001, 400, "Template name does not exist in the translation", "The template does not exist in"
                    + " the specified language or the template has not been approved."),
            entry(132015, 400, "Template is paused", "Template is paused due to low quality so it cannot be sent"
                    + " in a template message."),
            entry(132016, 400, "Template is disabled", "Template has been paused too many times due to low quality"
                    + " and is now permanently disabled."),
            entry(133004, 503, "Server temporarily unavailable", "Server is temporarily unavailable."),
            entry(133010, 400, "Phone number not registered", "The phone number is not registered on the WhatsApp"
                    + " Business Platform."));

    private ErrorCatalog() {
    }

    public static Optional<Entry> find(int code) {
        return Optional.ofNullable(ENTRIES.get(code));
    }

    /** The error as Meta answers it, with its catalogue title, details and HTTP status; {@code code} must be known. */
    public static GraphError error(int code) {
        Entry entry = find(code).orElseThrow(() -> new IllegalArgumentException("no title known for code " + code));
        return new GraphError(entry.httpStatus(), code, entry.title(), entry.details());
    }

    private static Map.Entry<Integer, Entry> entry(int code, int httpStatus, String title, String details) {
        return Map.entry(code, new Entry(httpStatus, title, details));
    }
}
