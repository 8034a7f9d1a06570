package io.switchboard.schemas;

/**
 * Masks personal data and secrets before they reach a log line. Phone numbers keep their country prefix and last four
 * digits (enough to tell two apart while debugging); secrets keep nothing but their length class.
 */
public final class Redaction {

    private Redaction() {
    }

    /** "+919876543210" becomes "+91******3210"; short or null values are masked whole. */
    public static String phone(String phone) {
        if (phone == null) {
            return "null";
        }
        boolean plus = phone.startsWith("+");
        String digits = plus ? phone.substring(1) : phone;
        if (digits.length() < 8) {
            return (plus ? "+" : "") + "*".repeat(digits.length());
        }
        String prefix = digits.substring(0, 2);
        String suffix = digits.substring(digits.length() - 4);
        return (plus ? "+" : "") + prefix + "*".repeat(digits.length() - 6) + suffix;
    }

    /** A secret, token or API key: never shown, only whether it was present. */
    public static String secret(String secret) {
        return secret == null || secret.isEmpty() ? "<none>" : "<redacted>";
    }

    /** An API key shown by its public prefix only, e.g. "pk_live_a1b2…". */
    public static String apiKey(String key) {
        if (key == null || key.length() < 12) {
            return secret(key);
        }
        return key.substring(0, 12) + "…";
    }
}
