package io.switchboard.dispatcher.validation;

import java.net.URI;
import java.util.Locale;

/**
 * Field checks shared by the rules, counted like api-ingress counts them: lengths in Unicode code points (an emoji is
 * one character), text must be valid Unicode (no lone surrogates), links must be absolute https URLs with a host.
 * Each check throws {@link Rejection.Found} with the caller's code and a sentence naming the field.
 */
final class Limits {

    private Limits() {
    }

    /** A required, non-blank text of at most {@code max} characters. */
    static String required(RejectionCode code, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Rejection.of(code, field + " must not be empty");
        }
        return optional(code, field, value, max);
    }

    /** An optional text (null allowed) of at most {@code max} characters. */
    static String optional(RejectionCode code, String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw Rejection.of(code, field + " must be valid Unicode text");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw Rejection.of(code, field + " must be at most " + max + " characters");
        }
        return value;
    }

    /** An absolute https URL with a host, at most {@code max} characters. */
    static void https(RejectionCode code, String field, String link, int max) {
        required(code, field, link, max);
        try {
            URI uri = URI.create(link);
            if (uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                    && uri.getHost() != null && !uri.getHost().isBlank()) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // Refused below.
        }
        throw Rejection.of(code, field + " must be a public https URL");
    }

    /** Between {@code min} and {@code max} items. */
    static void count(RejectionCode code, String field, int size, int min, int max) {
        if (size < min) {
            throw Rejection.of(code, field + " must have at least " + min + (min == 1 ? " item" : " items"));
        }
        if (size > max) {
            throw Rejection.of(code, field + " must have at most " + max + (max == 1 ? " item" : " items"));
        }
    }
}
