package io.switchboard.ingress;

import io.micronaut.runtime.Micronaut;

/**
 * The public HTTP API of Switchboard: authenticates API keys, validates, rate-limits in Redis and queues accepted
 * messages on the send-commands topic; answers status queries through the status-projector.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
