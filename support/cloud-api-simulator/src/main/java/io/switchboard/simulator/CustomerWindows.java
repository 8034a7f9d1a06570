package io.switchboard.simulator;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer-service window of each (business phone number id, customer) pair: a customer's message opens it
 * for {@code simulator.window.length} (24 h at Meta) and every further message restarts it. Only the time of the
 * last inbound message is kept; customers are keyed by their digits, so {@code +919876543210} and
 * {@code 919876543210} are the same customer. Closed windows are pruned once the map grows large, so a load test
 * with millions of customers does not grow the simulator without bound.
 */
@Singleton
public class CustomerWindows {

    private static final int PRUNE_ABOVE = 100_000;

    private final Duration length;
    private final Clock clock;
    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();

    @Inject
    public CustomerWindows(WindowConfig config) {
        this(config.getLength(), Clock.systemUTC());
    }

    CustomerWindows(Duration length, Clock clock) {
        this.length = length;
        this.clock = clock;
    }

    /** Records a message from the customer now: the window (re)opens for its full length. */
    public void customerWrote(String phoneNumberId, String customer) {
        customerWroteAt(phoneNumberId, customer, clock.instant());
    }

    /** Records a customer message that happened at {@code at} (tests and {@code /_sim/window}). */
    public void customerWroteAt(String phoneNumberId, String customer, Instant at) {
        if (lastInbound.size() > PRUNE_ABOVE) {
            Instant cutoff = clock.instant().minus(length);
            lastInbound.values().removeIf(time -> !time.isAfter(cutoff));
        }
        lastInbound.merge(key(phoneNumberId, customer), at, (old, now) -> now.isAfter(old) ? now : old);
    }

    /** Forgets the customer's last message: the window is closed. */
    public void close(String phoneNumberId, String customer) {
        lastInbound.remove(key(phoneNumberId, customer));
    }

    /** Whether a free-form message may be sent to the customer now. */
    public boolean isOpen(String phoneNumberId, String customer) {
        return closesAt(phoneNumberId, customer).filter(end -> end.isAfter(clock.instant())).isPresent();
    }

    /** When the window closes (or closed), if the customer ever wrote. */
    public Optional<Instant> closesAt(String phoneNumberId, String customer) {
        return Optional.ofNullable(lastInbound.get(key(phoneNumberId, customer))).map(at -> at.plus(length));
    }

    static String digits(String phone) {
        return phone.startsWith("+") ? phone.substring(1) : phone;
    }

    private static String key(String phoneNumberId, String customer) {
        return phoneNumberId + '|' + digits(customer);
    }
}
