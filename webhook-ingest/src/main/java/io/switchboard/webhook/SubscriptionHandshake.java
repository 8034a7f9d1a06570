package io.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Meta's GET verification handshake: when {@code hub.mode} is {@code subscribe} and {@code hub.verify_token} equals
 * our configured token, the answer is the raw {@code hub.challenge}; anything else is refused, which leaves the
 * callback URL unverified. The token is compared in constant time and never returned or logged.
 */
public final class SubscriptionHandshake {

    private static final String SUBSCRIBE = "subscribe";

    private final byte[] verifyToken;

    public SubscriptionHandshake(String verifyToken) {
        if (verifyToken == null || verifyToken.isEmpty()) {
            throw new IllegalArgumentException("the verify token must not be empty");
        }
        this.verifyToken = verifyToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The challenge to echo when the request is a subscription with our token; empty when it must be refused. */
    public Optional<String> answer(String mode, String token, String challenge) {
        if (!SUBSCRIBE.equals(mode) || token == null || challenge == null) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(challenge) : Optional.empty();
    }
}
