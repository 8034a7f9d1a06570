package io.switchboard.ingress.window;

import java.time.Duration;

/**
 * WhatsApp's customer-service window as Redis keys: a customer's message to a business number opens (or extends) a
 * 24-hour window in which free-form messages may be sent; outside it only templates. One key per business number and
 * customer, {@code win:<phoneNumberId>:<+from>}, expiring when the window closes, so "window open" is "key exists".
 */
public final class CustomerWindows {

    public static final Duration LENGTH = Duration.ofHours(24);

    private CustomerWindows() {
    }

    public static String redisKey(String phoneNumberId, String customer) {
        return "win:" + phoneNumberId + ":" + customer;
    }
}
