package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer <token>} of every Graph API call (sends, templates, media) against
 * {@code simulator.access-token}: missing, malformed or wrong is Meta's 401 with code 190. The comparison runs in
 * constant time, so the simulator does not teach a habit that would leak a real token.
 */
@Singleton
public class AccessTokens {

    private final byte[] expectedToken;

    public AccessTokens(SimulatorConfig config) {
        this.expectedToken = config.getAccessToken().getBytes(StandardCharsets.UTF_8);
    }

    /** Throws a {@link GraphErrorException} (190) unless {@code authorization} carries the configured token. */
    public void check(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw GraphError.invalidToken("An active access token must be used to query information about the"
                    + " current user: the Authorization header is missing.").exception();
        }
        String header = authorization.trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GraphError.invalidToken("Malformed access token: the Authorization header must be"
                    + " \"Bearer <token>\".").exception();
        }
        byte[] token = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expectedToken, token)) {
            throw GraphError.invalidToken("The access token could not be decrypted: it is not the configured"
                    + " simulator.access-token.").exception();
        }
    }
}
