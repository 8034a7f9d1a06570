package io.switchboard.infrastructure.http;

/**
 * Raised inside the request decoder for framing it must not guess at (both Content-Length and Transfer-Encoding,
 * a folded header line); Netty turns it into a failed decoder result, and the guard answers its message with 400.
 */
final class FramingViolation extends IllegalArgumentException {

    FramingViolation(String message) {
        super(message);
    }
}
