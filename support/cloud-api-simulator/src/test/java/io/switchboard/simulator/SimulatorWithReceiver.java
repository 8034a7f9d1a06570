package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The set-up of the webhook tests: a simulator on a random port whose webhooks go to a {@link WebhookReceiver} of its
 * own, and a client for its API.
 */
record SimulatorWithReceiver(WebhookReceiver receiver, EmbeddedServer server, SimulatorHttp http)
        implements AutoCloseable {

    /** @param settings the test's own {@code simulator.*} settings; port, access token and webhook URL are set here */
    static SimulatorWithReceiver start(Map<String, Object> settings) {
        WebhookReceiver receiver = new WebhookReceiver();
        Map<String, Object> all = new HashMap<>(settings);
        all.put("micronaut.server.port", -1);
        all.put("simulator.access-token", SimulatorHttp.TOKEN);
        all.put("simulator.webhook-url", receiver.url());
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, all);
        return new SimulatorWithReceiver(receiver, server,
                new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class)));
    }

    @Override
    public void close() {
        server.close();
        receiver.close();
    }
}
