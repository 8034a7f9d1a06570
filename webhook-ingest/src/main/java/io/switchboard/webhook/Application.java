package io.switchboard.webhook;

import io.micronaut.runtime.Micronaut;

/**
 * webhook-ingest: receives WhatsApp's signed webhooks, checks their signature before anything else, and publishes
 * each status and inbound message to its topic, answering 200 only once Kafka has acknowledged every record.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
