package io.switchboard.projector;

import io.micronaut.runtime.Micronaut;

/** Starts the status projector: the HTTP server first, then Kafka Streams once the server's port is known. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
