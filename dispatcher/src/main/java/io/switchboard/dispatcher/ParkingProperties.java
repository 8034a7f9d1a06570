package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Parking of messages outside the in-flight window ({@code switchboard.dispatcher.parking.*}): a retry that would
 * keep its record in the window for {@code park-after} or more in all, a message of a halted number or account, and every later message of a conversation that
 * has a parked one go to {@code send-commands-retry}; at most {@code max-in-memory} parked messages are held in
 * memory per instance (the rest wait in Kafka, only their conversation key kept); every {@code sweep-interval} the
 * parked messages are checked for expiry and for a disabled or deleted account.
 */
@ConfigurationProperties(ParkingProperties.PREFIX)
public class ParkingProperties {

    public static final String PREFIX = DispatcherProperties.PREFIX + ".parking";

    /** Retries wait in place while their record has been held less than this in all (its in-flight slot). */
    private Duration parkAfter = Duration.ofSeconds(2);
    /** About 2-4 KB each (the command and its latest attempts): 20,000 is some 40-80 MB at most. */
    private int maxInMemory = 20_000;
    private Duration sweepInterval = Duration.ofSeconds(5);

    public Duration getParkAfter() {
        return parkAfter;
    }

    public void setParkAfter(Duration parkAfter) {
        this.parkAfter = parkAfter;
    }

    public int getMaxInMemory() {
        return maxInMemory;
    }

    public void setMaxInMemory(int maxInMemory) {
        this.maxInMemory = maxInMemory;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }
}
