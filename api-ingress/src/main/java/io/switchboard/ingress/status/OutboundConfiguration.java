package io.switchboard.ingress.status;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code switchboard.ingress.outbound.*}: finding sent messages again. Every key and default is in the README.
 */
@ConfigurationProperties(OutboundConfiguration.PREFIX)
public class OutboundConfiguration {

    public static final String PREFIX = "switchboard.ingress.outbound";

    private Duration acceptedTtl = Duration.ofMinutes(5);
    private int defaultPageSize = 50;
    private int maxPageSize = 100;

    /**
     * How long the ingress's own record of an accepted message lives in Redis: status queries that reach the
     * projector before it applied the message answer {@code queued} from it. Must exceed the projector's lag.
     */
    public Duration getAcceptedTtl() {
        return acceptedTtl;
    }

    public void setAcceptedTtl(Duration acceptedTtl) {
        this.acceptedTtl = acceptedTtl;
    }

    /** The outbound listing's page size when {@code limit} is not given. */
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    /** The largest {@code limit} of the outbound listing (the projector answers at most 100 per page). */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = Math.max(1, Math.min(100, maxPageSize));
    }
}
