package io.switchboard.ingress;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Behaviour of the ingress ({@code switchboard.ingress.*}). Every key and its default is listed in the module README.
 * The defaults favour answering quickly and honestly: a client waits at most {@link #getKafkaAckTimeout()} for the
 * broker, and {@link #getRateLimiterTimeout()} for Redis, before it is told 503 and nothing was queued.
 */
@ConfigurationProperties(IngressConfiguration.PREFIX)
public class IngressConfiguration {

    public static final String PREFIX = "switchboard.ingress";

    private Duration messageValidity = Duration.ofHours(24);
    private Duration kafkaAckTimeout = Duration.ofSeconds(10);
    private Duration producerLinger = Duration.ofMillis(1);
    private Duration rateLimiterTimeout = Duration.ofSeconds(2);
    private String statusQueryUrl = "http://localhost:8084";
    private Duration statusQueryTimeout = Duration.ofSeconds(3);

    /** How long an accepted message may wait for delivery before it expires (SendCommand.expiresAt). */
    public Duration getMessageValidity() {
        return messageValidity;
    }

    public void setMessageValidity(Duration messageValidity) {
        this.messageValidity = messageValidity;
    }

    /** How long a send waits for the broker's acknowledgement before the client gets 503. */
    public Duration getKafkaAckTimeout() {
        return kafkaAckTimeout;
    }

    public void setKafkaAckTimeout(Duration kafkaAckTimeout) {
        this.kafkaAckTimeout = kafkaAckTimeout;
    }

    /** linger.ms of the send-commands producer: small, because every request waits for its own record. */
    public Duration getProducerLinger() {
        return producerLinger;
    }

    public void setProducerLinger(Duration producerLinger) {
        this.producerLinger = producerLinger;
    }

    /** How long the rate-limit round trip to Redis may take before the client gets 503. */
    public Duration getRateLimiterTimeout() {
        return rateLimiterTimeout;
    }

    public void setRateLimiterTimeout(Duration rateLimiterTimeout) {
        this.rateLimiterTimeout = rateLimiterTimeout;
    }

    /** Base URL of the status-projector's interactive query API. */
    public String getStatusQueryUrl() {
        return statusQueryUrl;
    }

    public void setStatusQueryUrl(String statusQueryUrl) {
        this.statusQueryUrl = statusQueryUrl;
    }

    /** How long a status query may take before the client gets 503 STATUS_UNAVAILABLE. */
    public Duration getStatusQueryTimeout() {
        return statusQueryTimeout;
    }

    public void setStatusQueryTimeout(Duration statusQueryTimeout) {
        this.statusQueryTimeout = statusQueryTimeout;
    }
}
