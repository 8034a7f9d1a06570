package io.switchboard.simulator;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the WhatsApp Cloud API simulator: the local run's default Cloud API.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
