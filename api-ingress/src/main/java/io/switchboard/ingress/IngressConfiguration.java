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
    private Duration redisHealthTimeout = Duration.ofMillis(500);
    private String statusQueryUrl = "http://localhost:8084";
    private Duration statusQueryTimeout = Duration.ofSeconds(3);
    private int perRecipientLimit = 10;
    private boolean enforceWindow = true;
    private String windowConsumerGroup = "api-ingress-windows";
    private long maxBodySize = 1024L * 1024L;
    private long maxMediaBodySize = 23L * 1024L * 1024L;
    private Duration idempotencyTtl = Duration.ofHours(24);
    private Duration idempotencyInFlightTtl = Duration.ofSeconds(60);

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

    /** How long the Redis health check waits for PONG before reporting Redis DOWN: well under a second. */
    public Duration getRedisHealthTimeout() {
        return redisHealthTimeout;
    }

    public void setRedisHealthTimeout(Duration redisHealthTimeout) {
        this.redisHealthTimeout = redisHealthTimeout;
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

    /** Messages per minute one API key may send to one recipient (the Coext API's limit: 10). */
    public int getPerRecipientLimit() {
        return perRecipientLimit;
    }

    public void setPerRecipientLimit(int perRecipientLimit) {
        this.perRecipientLimit = perRecipientLimit;
    }

    /** Whether free-form messages need an open 24-hour customer-service window. */
    public boolean isEnforceWindow() {
        return enforceWindow;
    }

    public void setEnforceWindow(boolean enforceWindow) {
        this.enforceWindow = enforceWindow;
    }

    /** How long an accepted answer is replayed for the same Idempotency-Key. */
    public Duration getIdempotencyTtl() {
        return idempotencyTtl;
    }

    public void setIdempotencyTtl(Duration idempotencyTtl) {
        this.idempotencyTtl = idempotencyTtl;
    }

    /** Lifetime of the in-flight marker of an Idempotency-Key whose request never finished (crash). */
    public Duration getIdempotencyInFlightTtl() {
        return idempotencyInFlightTtl;
    }

    public void setIdempotencyInFlightTtl(Duration idempotencyInFlightTtl) {
        this.idempotencyInFlightTtl = idempotencyInFlightTtl;
    }

    /** Consumer group of the inbound-messages reader that opens customer-service windows. */
    public String getWindowConsumerGroup() {
        return windowConsumerGroup;
    }

    public void setWindowConsumerGroup(String windowConsumerGroup) {
        this.windowConsumerGroup = windowConsumerGroup;
    }

    /** Largest body of every endpoint but /messages/media, in bytes (413 beyond). */
    public long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** Largest body of /messages/media, in bytes: the base64 of a 16 MB upload plus the JSON around it. */
    public long getMaxMediaBodySize() {
        return maxMediaBodySize;
    }

    public void setMaxMediaBodySize(long maxMediaBodySize) {
        this.maxMediaBodySize = maxMediaBodySize;
    }
}
