package io.switchboard.ingress.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Every instant the public API shows is ISO-8601 in UTC with milliseconds, e.g. "2025-12-19T10:01:00.000Z". */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String iso(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
