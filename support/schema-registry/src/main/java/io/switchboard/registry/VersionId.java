package io.switchboard.registry;

/**
 * A version as written in a URL: a number from 1 to 2^31-1, or "latest" (also spelled -1, as Confluent accepts).
 * Anything else is refused with 42202 before any lookup.
 */
record VersionId(int number) {

    private static final int LATEST = -1;

    static VersionId parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return new VersionId(LATEST);
        }
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
        if (number != LATEST && number < 1) {
            throw RegistryException.invalidVersion(text);
        }
        return new VersionId(number);
    }

    boolean isLatest() {
        return number == LATEST;
    }
}
