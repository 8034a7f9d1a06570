package io.switchboard.ingress.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script ({@code ratelimit/multi-counter.lua}) that checks N counters and increments all of them only when
 * none is at its limit, and its SHA-1 for EVALSHA. Checking and counting in one script keeps the decision atomic
 * (no two requests can both take the last unit) and costs one round trip however many limits apply.
 */
public final class MultiCounterScript {

    public static final String RESOURCE = "ratelimit/multi-counter.lua";
    private static final String SOURCE = load();
    private static final String SHA1 = sha1Hex(SOURCE);

    private MultiCounterScript() {
    }

    public static String source() {
        return SOURCE;
    }

    public static String sha1() {
        return SHA1;
    }

    private static String load() {
        try (InputStream in = MultiCounterScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
