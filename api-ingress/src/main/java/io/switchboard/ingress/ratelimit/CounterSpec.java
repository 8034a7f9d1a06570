package io.switchboard.ingress.ratelimit;

/**
 * One counter to check and count in Redis.
 *
 * @param redisKey the counter's Redis key
 * @param limit how many increments the counter allows
 * @param ttlMillis TTL given to the counter when it is created (it resets by expiring)
 */
public record CounterSpec(String redisKey, long limit, long ttlMillis) {

    public CounterSpec {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("a counter needs a positive TTL, got " + ttlMillis);
        }
    }
}
