package io.switchboard.ingress.templates;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Template synchronisation ({@code switchboard.ingress.templates.*}). */
@ConfigurationProperties(TemplateConfiguration.PREFIX)
public class TemplateConfiguration {

    public static final String PREFIX = "switchboard.ingress.templates";

    private boolean syncEnabled = true;
    private Duration syncInterval = Duration.ofMinutes(5);

    /** Whether this instance reads the Cloud API's template lists (at start, then every sync-interval). */
    public boolean isSyncEnabled() {
        return syncEnabled;
    }

    public void setSyncEnabled(boolean syncEnabled) {
        this.syncEnabled = syncEnabled;
    }

    public Duration getSyncInterval() {
        return syncInterval;
    }

    public void setSyncInterval(Duration syncInterval) {
        this.syncInterval = syncInterval;
    }
}
