package io.switchboard.simulator;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Signs and checks media download URLs: {@code /_sim/media/{id}/download?expires=<epoch millis>&signature=<hex
 * HMAC-SHA256(key, id:expires)>}, valid {@code simulator.media.url-ttl} (5 minutes at Meta). The key is random per
 * process, so URLs die with the simulator as its media do. A URL whose time is up or whose signature does not match
 * is refused; the caller must ask {@code GET /{media-id}} for a fresh one.
 */
@Singleton
public class MediaUrls {

    private final byte[] key = new byte[32];
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public MediaUrls(MediaConfig config) {
        this(config.getUrlTtl(), Clock.systemUTC());
    }

    MediaUrls(Duration ttl, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The path and query of a fresh download URL for the media. */
    public String pathFor(String mediaId) {
        long expires = clock.millis() + ttl.toMillis();
        return "/_sim/media/" + mediaId + "/download?expires=" + expires + "&signature=" + sign(mediaId, expires);
    }

    /** Whether the URL parameters are this process's signature for the media and are not expired. */
    public boolean isValid(String mediaId, String expires, String signature) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(mediaId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                && clock.millis() < expiresAt;
    }

    private String sign(String mediaId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((mediaId + ":" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
