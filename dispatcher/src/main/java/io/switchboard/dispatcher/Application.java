package io.switchboard.dispatcher;

import io.micronaut.runtime.Micronaut;

/**
 * The dispatcher service: consumes send commands, delivers them to the WhatsApp Cloud API and publishes what happened
 * to each message. Micronaut only provides configuration, health and metrics; the delivery pipeline is plain Java,
 * wired by {@link DispatcherRunner}.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
