package io.switchboard.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@code /health} of the registry, in Micronaut's shape ({@code status}, and per component {@code status} and
 * {@code details}) and always within a second: {@code kafka} is UP when the end of the schemas topic can be read
 * from Kafka within {@link #DEADLINE}; {@code reader} is UP while the thread that applies the topic runs, with its
 * position and lag. 200 when both are UP, else 503.
 */
final class RegistryHealth {

    static final Duration DEADLINE = Duration.ofMillis(700);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaLog log;

    RegistryHealth(SchemaLog log) {
        this.log = log;
    }

    RegistryHttpHandler.Answer check() {
        ObjectNode health = JSON.createObjectNode();
        ObjectNode details = JSON.createObjectNode();
        long position = log.readerPosition();
        Long end = null;
        ObjectNode kafka = details.putObject("kafka");
        try {
            end = log.endOffset(DEADLINE);
            kafka.put("status", "UP");
            kafka.putObject("details").put("topic", log.topic()).put("end_offset", end);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            kafka.put("status", "DOWN");
            kafka.putObject("details").put("topic", log.topic()).put("error", e instanceof TimeoutException
                    ? "the end of the topic was not read within " + DEADLINE.toMillis() + " ms" : e.toString());
        }
        ObjectNode reader = details.putObject("reader");
        Throwable failure = log.readerFailure();
        reader.put("status", failure == null ? "UP" : "DOWN");
        ObjectNode readerDetails = reader.putObject("details").put("position", position);
        if (end != null) {
            readerDetails.put("lag", Math.max(0, end - position));
        }
        if (failure != null) {
            readerDetails.put("error", failure.toString());
        }
        boolean up = end != null && failure == null;
        health.put("name", "schema-registry").put("status", up ? "UP" : "DOWN").set("details", details);
        return new RegistryHttpHandler.Answer(up ? 200 : 503, "application/json", health.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
