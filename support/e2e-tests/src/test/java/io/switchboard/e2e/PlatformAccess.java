package io.switchboard.e2e;

import io.switchboard.local.Platform;

/**
 * The shared running platform and its credentials, for end-to-end tests in sub-packages (the platform itself stays
 * package-private to this package).
 */
public final class PlatformAccess {

    private PlatformAccess() {
    }

    public static Platform platform() {
        return RunningPlatform.get();
    }

    /** The demo account's API key (every permission). */
    public static String apiKey() {
        return RunningPlatform.API_KEY;
    }

    public static String adminToken() {
        return RunningPlatform.ADMIN_TOKEN;
    }

    /** The demo account's business number. */
    public static String phoneNumberId() {
        return RunningPlatform.PHONE_NUMBER_ID;
    }
}
