package io.switchboard.ingress.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How inbound messages are kept for {@code GET /messages?direction=inbound} ({@code switchboard.ingress.inbox.*}):
 * for {@code retention} after they were received and at most {@code max-messages} per business number (the oldest go
 * first), listed {@code default-page-size} at a time unless the caller asks for up to {@code max-page-size}.
 */
@ConfigurationProperties(InboxConfiguration.PREFIX)
public class InboxConfiguration {

    public static final String PREFIX = "switchboard.ingress.inbox";

    private Duration retention = Duration.ofDays(30);
    private int maxMessages = 10_000;
    private int defaultPageSize = 50;
    private int maxPageSize = 100;

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public int getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(int maxMessages) {
        this.maxMessages = Math.max(1, maxMessages);
    }

    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = Math.max(1, defaultPageSize);
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = Math.max(1, maxPageSize);
    }
}
