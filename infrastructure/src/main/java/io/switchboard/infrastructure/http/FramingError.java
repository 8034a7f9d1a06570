package io.switchboard.infrastructure.http;

import java.util.Locale;

/**
 * Why a request was refused before any application code saw it, with the HTTP status each answers. The codes are
 * part of every service's API (error bodies carry them) and keep their meaning once published.
 */
public enum FramingError {
    /** The request's framing or head is not valid HTTP/1.1 as RFC 9112 defines it, or is ambiguous. */
    MALFORMED_REQUEST(400, "Bad Request"),
    /** The client did not send its head or body in time. */
    REQUEST_TIMEOUT(408, "Request Timeout"),
    /** The request line (in practice the URL) is longer than the server reads. */
    URI_TOO_LONG(414, "URI Too Long"),
    /** The request's header section is larger than the server reads. */
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
    /** Not HTTP/1.0 or HTTP/1.1. */
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported");

    private final int status;
    private final String reasonPhrase;

    FramingError(int status, String reasonPhrase) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** The metrics label: the code in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
