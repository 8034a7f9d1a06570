package io.switchboard.bench.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the platform under test is: URLs of its HTTP faces, the credentials a scenario needs, and (when reachable)
 * its Kafka, registry and Redis for the baselines and for the scenarios that feed a service directly. Built from
 * command-line options for a deployment, or by {@link LocalPlatform} for an in-process run.
 *
 * @param apiUrl public API base, e.g. {@code http://host:8080/api/v1/external}
 * @param adminUrl admin API base, e.g. {@code http://host:8080/api/v1/admin}; null when not given
 * @param adminToken admin API token; null when not given
 * @param apiKeys API keys to spread the load over (may be extended by the scenario through the admin API)
 * @param webhookUrl webhook-ingest's {@code POST /webhooks/whatsapp}
 * @param appSecret the app secret webhooks are signed with
 * @param simulatorUrl the Cloud API simulator the dispatcher talks to (its {@code /_sim} endpoints); null if none
 * @param projectorUrl the status-projector's base (interactive query {@code /internal/messages/{id}})
 * @param wabaId the WhatsApp Business account id accounts are created under (templates come from it)
 * @param kafkaBootstrap Kafka bootstrap servers; null when the deployment's Kafka is not reachable
 * @param registryUrl schema registry; null when not reachable
 * @param redisUri Redis of the ingress; null when not reachable
 * @param services service name to HTTP base URL, for {@code /prometheus} (memory)
 * @param inProcess true when every service runs in this JVM (then heap and RSS are shared)
 */
public record Target(String apiUrl, String adminUrl, String adminToken, List<String> apiKeys, String webhookUrl,
                     String appSecret, String simulatorUrl, String projectorUrl, String wabaId, String kafkaBootstrap,
                     String registryUrl, String redisUri, Map<String, String> services, boolean inProcess) {

    public Target {
        apiKeys = List.copyOf(apiKeys);
        services = new LinkedHashMap<>(services);
    }

    /** The same target with these API keys instead. */
    public Target withApiKeys(List<String> keys) {
        return new Target(apiUrl, adminUrl, adminToken, keys, webhookUrl, appSecret, simulatorUrl, projectorUrl, wabaId,
                kafkaBootstrap, registryUrl, redisUri, services, inProcess);
    }

    public String require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("This scenario needs " + option + " (or --local)");
        }
        return value;
    }
}
