package io.switchboard.ingress.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.ingress.IngressStartup;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One running api-ingress for a test class: started with {@code ApplicationContext.run(EmbeddedServer.class, ...)}
 * on a random port against the shared Kafka, Redis and registry, with its own bootstrap key and account, and a real
 * HTTP client (the JDK's, so tests can send any bytes and headers).
 */
public final class IngressApp implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiKey;
    private final String accountId;
    private final String phoneNumberId;

    private IngressApp(EmbeddedServer server, String apiKey, String accountId, String phoneNumberId) {
        this.server = server;
        this.apiKey = apiKey;
        this.accountId = accountId;
        this.phoneNumberId = phoneNumberId;
    }

    /** Starts the app and waits until it is ready (tables loaded, bootstrap key readable). */
    public static IngressApp start(Map<String, Object> overrides) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String apiKey = "pk_live_test_" + UUID.randomUUID().toString().replace("-", "");
        String accountId = "acct-" + suffix;
        String phoneNumberId = "1099" + Math.abs(suffix.hashCode());
        Map<String, Object> props = new HashMap<>(overrides);
        props.putIfAbsent("micronaut.server.port", -1);
        props.putIfAbsent("switchboard.ingress.bootstrap.api-key", apiKey);
        props.putIfAbsent("switchboard.ingress.bootstrap.account-id", accountId);
        props.putIfAbsent("switchboard.ingress.bootstrap.phone-number-id", phoneNumberId);
        // Most tests send free-form messages to recipients that never wrote; the window has tests of its own.
        props.putIfAbsent("switchboard.ingress.enforce-window", false);
        props.putIfAbsent("switchboard.ingress.window-consumer-group", "api-ingress-windows-" + suffix);
        // Never reach out to the real Cloud API from a test: tests that need templates bring a CloudApiPeer.
        props.putIfAbsent("switchboard.ingress.cloud-api.base-url", "http://127.0.0.1:9");
        // Shared infrastructure only when the test does not bring its own (it starts lazily).
        if (!props.containsKey("kafka.bootstrap.servers")) {
            props.put("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
        }
        if (!props.containsKey("redis.uri")) {
            props.put("redis.uri", TestInfrastructure.redis().uri());
        }
        if (!props.containsKey("switchboard.schema-registry.url")) {
            props.put("switchboard.schema-registry.url", TestInfrastructure.registryUrl());
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        IngressStartup startup = server.getApplicationContext().getBean(IngressStartup.class);
        await("api-ingress ready").atMost(Duration.ofSeconds(60)).until(startup::isReady);
        return new IngressApp(server, apiKey, accountId, phoneNumberId);
    }

    public String apiKey() {
        return apiKey;
    }

    public String accountId() {
        return accountId;
    }

    public String phoneNumberId() {
        return phoneNumberId;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /** Sends a request; headers alternate name, value. */
    public HttpResponse<String> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/v1/external/messages/text as JSON with the given key. */
    public HttpResponse<String> postText(String key, String json) {
        return send("POST", "/api/v1/external/messages/text", json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "application/json", "X-API-Key", key);
    }

    /** POST of a JSON body to a path under /api/v1/external with the key and extra headers (name, value...). */
    public HttpResponse<String> post(String path, String key, String json, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/json";
        all[2] = "X-API-Key";
        all[3] = key;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return send("POST", "/api/v1/external" + path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), all);
    }

    public HttpResponse<String> get(String path, String key) {
        return send("GET", path, null, "X-API-Key", key);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** A new API key record of this app's account. */
    public ApiKey newKey(String key, int perMinute, boolean active, List<Permission> permissions) {
        String hash = ApiKeyHashes.sha256Hex(key);
        return ApiKey.newBuilder().setKeyId(hash.substring(0, 16)).setKeyHash(hash)
                .setKeyPrefix(ApiKeyHashes.displayPrefix(key)).setName("test key").setAccountId(accountId)
                .setPermissions(permissions).setRateLimitPerMinute(perMinute).setDailyLimit(5000).setActive(active)
                .setCreatedAt(Instant.now()).build();
    }

    /** Publishes a new key of this app's account and waits until the app has read it; returns the secret. */
    public String createKey(int perMinute, Permission... permissions) {
        return createKey(perMinute, 5000, permissions);
    }

    /** As {@link #createKey(int, Permission...)} with a daily limit. */
    public String createKey(int perMinute, int perDay, Permission... permissions) {
        String secret = "pk_live_" + UUID.randomUUID().toString().replace("-", "");
        ApiKey key = newKey(secret, perMinute, true, List.of(permissions));
        key.setDailyLimit(perDay);
        publish(key);
        ApiKeyStore store = context().getBean(ApiKeyStore.class);
        await("key visible").atMost(Duration.ofSeconds(10)).until(() -> store.byId(key.getKeyId()) != null);
        return secret;
    }

    /** Publishes an API key record to the api-keys topic (acks=all). */
    public static void publish(ApiKey key) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ApiKey> producer = new KafkaProducer<>(props,
                Topics.API_KEYS.keySerde().serializer(),
                Topics.API_KEYS.valueSerde(TestInfrastructure.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), key.getKeyId(), key)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an API key", e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
