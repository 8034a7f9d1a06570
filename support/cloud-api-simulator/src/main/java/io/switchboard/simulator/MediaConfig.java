package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Settings of simulated media, under {@value #PREFIX}: how many bytes of uploads are kept in memory (the oldest
 * are evicted beyond it, as Meta forgets media after 30 days), how long a download URL stays valid (5 minutes at
 * Meta), and the base URL put in front of download URLs (unset: taken from the {@code Host} of the request).
 */
@ConfigurationProperties(MediaConfig.PREFIX)
public class MediaConfig {

    public static final String PREFIX = "simulator.media";

    private long maxTotalBytes = 256L * 1024 * 1024;
    private Duration urlTtl = Duration.ofMinutes(5);
    @Nullable
    private String publicBaseUrl;

    public long getMaxTotalBytes() {
        return maxTotalBytes;
    }

    public void setMaxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    public Duration getUrlTtl() {
        return urlTtl;
    }

    public void setUrlTtl(Duration urlTtl) {
        this.urlTtl = urlTtl;
    }

    @Nullable
    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(@Nullable String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }
}
