package io.switchboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes ids that look like Meta's and masks phone numbers for logs. A real wamid is the base64 of a small binary
 * record holding the recipient's digits and a random 18-character hex id ({@code wamid.HBgM...}). The simulator
 * copies that shape, so logs and dashboards look real, but puts random digits where Meta puts the recipient's:
 * our services log wamids freely, and a decodable phone number beside a masked one would defeat the masking.
 * Every byte of the record is below 0x7F and none ends in six set bits, so the encoding never produces {@code +}
 * or {@code /} and a wamid can be put in a URL path as it is.
 */
final class Identifiers {

    private static final byte[] MIDDLE = {0x15, 0x02, 0x00, 0x11, 0x18, 0x12};

    private Identifiers() {
    }

    static String newWamid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] digits = String.valueOf(random.nextLong(100_000_000_000L, 1_000_000_000_000L))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] hex = new byte[9];
        random.nextBytes(hex);
        byte[] id = HexFormat.of().withUpperCase().formatHex(hex).getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[3 + digits.length + MIDDLE.length + id.length + 1];
        record[0] = 0x1C;
        record[1] = 0x18;
        record[2] = (byte) digits.length;
        System.arraycopy(digits, 0, record, 3, digits.length);
        System.arraycopy(MIDDLE, 0, record, 3 + digits.length, MIDDLE.length);
        System.arraycopy(id, 0, record, 3 + digits.length + MIDDLE.length, id.length);
        return "wamid." + Base64.getEncoder().encodeToString(record);
    }

    /**
     * Keeps the country prefix (two digits) and the last four digits ({@code +919876543210} becomes
     * {@code +91******3210}), the same rule as the services' {@code Redaction.phone}; the simulator does not depend
     * on the schemas module, so it keeps its own copy.
     */
    static String maskPhone(String phone) {
        if (phone == null) {
            return "null";
        }
        String plus = phone.startsWith("+") ? "+" : "";
        String digits = phone.substring(plus.length());
        if (digits.length() < 8) {
            return plus + "*".repeat(digits.length());
        }
        return plus + digits.substring(0, 2) + "*".repeat(digits.length() - 6) + digits.substring(digits.length() - 4);
    }
}
