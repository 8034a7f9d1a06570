package io.switchboard.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./switchboard local} prints once everything is up: where each part listens and how to try it, but never
 * a secret (the console often ends up in a log file others can read). The admin token and the demo API key are in
 * {@code .switchboard/local.json}, readable by its owner only; the banner says so, and its example reads the key from
 * there with {@code ./switchboard get}.
 */
final class LocalBanner {

    /** Where the parts of the local run listen. */
    record Endpoints(String apiUrl, String webhookIngestUrl, String simulatorUrl, String registryUrl,
                     String kafkaBootstrap, String redisUrl) {
    }

    private LocalBanner() {
    }

    static List<String> lines(Endpoints endpoints, Path localJson, String demoCustomer) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Switchboard is running.");
        lines.add(row("api_url", endpoints.apiUrl()));
        lines.add(row("webhook_ingest_url", endpoints.webhookIngestUrl()));
        lines.add(row("simulator_url", endpoints.simulatorUrl()));
        lines.add(row("registry_url", endpoints.registryUrl()));
        lines.add(row("kafka_bootstrap", endpoints.kafkaBootstrap()));
        lines.add(row("redis_url", endpoints.redisUrl()));
        lines.add(row("admin_token", "in " + localJson + " (readable by you only)"));
        lines.add(row("demo_api_key", "in " + localJson + "; print it with ./switchboard get demo_api_key"));
        lines.add("");
        lines.add("The demo customer " + demoCustomer + " has just written \"Hi\", so the 24-hour window"
                + " for free-form messages to them is open. Act as any customer with:");
        lines.add("  curl -X POST " + endpoints.simulatorUrl()
                + "/_sim/inbound -d '{\"from\": \"+14155550123\", \"text\": \"Hi\"}'");
        lines.add("");
        lines.add("Try it:");
        lines.add("  curl -X POST \"" + endpoints.apiUrl() + "/messages/text\" -H \"Content-Type: application/json\" \\");
        lines.add("    -H \"X-API-Key: $(./switchboard get demo_api_key)\" \\");
        lines.add("    -d '{\"to\": \"" + demoCustomer + "\", \"message\": \"Hello from Switchboard\", "
                + "\"reference\": \"test-msg-001\"}'");
        lines.add("(Ctrl-C stops everything)");
        return lines;
    }

    private static String row(String name, String value) {
        return String.format("  %-19s %s", name, value);
    }
}
