package io.switchboard.ingress.fast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header of the fast path's answers (RFC 9110: an origin server with a clock sends one), formatted
 * once a second rather than per answer.
 */
final class HttpDates {

    private static volatile Cached last = new Cached(-1, "");

    private HttpDates() {
    }

    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached cached = last;
        if (cached.second() == second) {
            return cached.text();
        }
        String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(
                ZoneOffset.UTC));
        last = new Cached(second, text);
        return text;
    }

    private record Cached(long second, String text) {
    }
}
