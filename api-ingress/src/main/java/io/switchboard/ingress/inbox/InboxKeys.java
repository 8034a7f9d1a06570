package io.switchboard.ingress.inbox;

/**
 * The Redis keys of one business number's inbox. All carry the hash tag {@code {phoneNumberId}}, so a number's keys
 * share one Redis Cluster slot and its scripts may touch a sender's index they compute themselves.
 * <ul>
 *   <li>{@code inb:{pnid}:all}: sorted set, wamid scored by received time (ms);</li>
 *   <li>{@code inb:{pnid}:from:<+sender>}: the same, one sender's messages only;</li>
 *   <li>{@code inb:{pnid}:msg}: hash, wamid to the message's public JSON;</li>
 *   <li>{@code inb:{pnid}:media}: hash, WhatsApp media id to the wamid that carried it (who may download it).</li>
 * </ul>
 */
public final class InboxKeys {

    private InboxKeys() {
    }

    static String prefix(String phoneNumberId) {
        return "inb:{" + phoneNumberId + "}:";
    }

    static String all(String phoneNumberId) {
        return prefix(phoneNumberId) + "all";
    }

    static String senderPrefix(String phoneNumberId) {
        return prefix(phoneNumberId) + "from:";
    }

    static String sender(String phoneNumberId, String from) {
        return senderPrefix(phoneNumberId) + from;
    }

    static String messages(String phoneNumberId) {
        return prefix(phoneNumberId) + "msg";
    }

    public static String media(String phoneNumberId) {
        return prefix(phoneNumberId) + "media";
    }
}
