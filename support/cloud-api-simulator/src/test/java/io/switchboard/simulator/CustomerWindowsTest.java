package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerWindowsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final CustomerWindows windows = new CustomerWindows(Duration.ofHours(24), clock);

    @Test
    void isClosedForACustomerWhoNeverWrote() {
        assertThat(windows.isOpen("106540352242922", "+919876543210")).isFalse();
        assertThat(windows.closesAt("106540352242922", "+919876543210")).isEmpty();
    }

    @Test
    void staysOpenFor24HoursAfterTheLastInboundMessageAndRestartsOnEachOne() {
        windows.customerWrote("106540352242922", "+919876543210");
        advance(Duration.ofHours(23));
        assertThat(windows.isOpen("106540352242922", "919876543210")).isTrue();

        windows.customerWrote("106540352242922", "919876543210");
        advance(Duration.ofHours(23));
        assertThat(windows.isOpen("106540352242922", "+919876543210")).isTrue();

        advance(Duration.ofHours(1));
        assertThat(windows.isOpen("106540352242922", "+919876543210")).isFalse();
    }

    @Test
    void isKeptPerBusinessNumberAndCanBeClosed() {
        windows.customerWrote("106540352242922", "+919876543210");

        assertThat(windows.isOpen("200000000000777", "+919876543210")).isFalse();
        windows.close("106540352242922", "919876543210");
        assertThat(windows.isOpen("106540352242922", "+919876543210")).isFalse();
    }

    @Test
    void anOlderMessageDoesNotShortenTheWindow() {
        windows.customerWrote("1", "+919876543210");
        windows.customerWroteAt("1", "+919876543210", clock.instant().minus(Duration.ofHours(30)));

        assertThat(windows.isOpen("1", "+919876543210")).isTrue();
    }

    private void advance(Duration duration) {
        clock.advance(duration);
    }
}
