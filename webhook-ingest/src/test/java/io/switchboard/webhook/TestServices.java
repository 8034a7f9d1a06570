package io.switchboard.webhook;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the integration tests share: the JVM's Kafka cluster, one schema registry on it, the JVM's Redis, the app
 * started against them, and signed POSTs over real HTTP.
 */
final class TestServices {

    static final String APP_SECRET = "test-app-secret-5f1c9a7e2b4d";
    static final String VERIFY_TOKEN = "test-verify-token-3e8a";
    static final SignatureVerifier META = new SignatureVerifier(APP_SECRET);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServices() {
    }

    static String registryUrl() {
        return EmbeddedSchemaRegistry.shared(KafkaTestCluster.shared().bootstrapServers()).url();
    }

    /** The app on a random port, against {@code bootstrapServers}, with {@code overrides} on top of test defaults. */
    static EmbeddedServer startApp(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put("micronaut.server.port", -1);
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("switchboard.schema-registry.url", registryUrl());
        config.put("switchboard.webhook.app-secret", APP_SECRET);
        config.put("switchboard.webhook.verify-token", VERIFY_TOKEN);
        config.put("redis.uri", RedisTestServer.shared().uri());
        config.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, config);
    }

    static HttpResponse<String> get(EmbeddedServer app, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.getURL() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A POST to the webhook URL, signed as Meta signs it when {@code signature} is null. */
    static CompletableFuture<HttpResponse<String>> postAsync(EmbeddedServer app, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.getURL() + "/webhooks/whatsapp"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(SignatureVerifier.HEADER, signature);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postSigned(EmbeddedServer app, byte[] body) throws Exception {
        return postAsync(app, body, META.sign(body)).get();
    }

    static HttpResponse<String> post(EmbeddedServer app, byte[] body, String signature) throws Exception {
        return postAsync(app, body, signature).get();
    }
}
