package io.switchboard.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The two calls of the Confluent Schema Registry REST API a client needs, over the JDK's HTTP client:
 * {@code GET /subjects/{subject}/versions/latest} (the schema to write with, and its id) and
 * {@code GET /schemas/ids/{id}} (the schema a record was written with). Schemas never change under an id, so they
 * are cached for good; ask for "latest" once at start, not per record.
 */
public final class RegistryClient {

    /** A schema and the global id the registry gave it. */
    public record Registered(int id, Schema schema) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public RegistryClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The latest schema registered under {@code subject}, e.g. "send-commands-value". */
    public Registered latest(String subject) {
        Map<String, String> answer = get("/subjects/" + subject + "/versions/latest");
        int id = Integer.parseInt(answer.get("id"));
        Schema schema = byId.computeIfAbsent(id, i -> new Schema.Parser().parse(answer.get("schema")));
        return new Registered(id, schema);
    }

    /** The schema with this id (the 4 bytes after the magic byte of every record). */
    public Schema byId(int id) {
        return byId.computeIfAbsent(id, i -> new Schema.Parser().parse(get("/schemas/ids/" + i).get("schema")));
    }

    private Map<String, String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Schema registry answered " + response.statusCode() + " to GET "
                        + path + ": " + response.body());
            }
            return FlatJson.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Schema registry unreachable at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the schema registry", e);
        }
    }
}
