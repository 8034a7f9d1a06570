package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.local.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the ingress serves, checked against the running endpoints: every documented operation, called
 * with its documented example, succeeds with a documented status and carries every property its documented answer
 * requires; without credentials it answers a documented error in the error envelope.
 */
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "+919876500010";

    private final Platform platform = RunningPlatform.get();
    private final String base = platform.apiUrl().replace("/api/v1/external", "");
    private final HttpClient client = HttpClient.newHttpClient();
    private Map<String, Object> document;

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        HttpResponse<String> served = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.yaml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        document = new Yaml().load(served.body());
        Customers.writeToTheBusiness(platform, CUSTOMER);
        String messageId = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"for the contract test\"}").body().path("data")
                .path("message_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(platform.apiUrl() + "/messages/" + messageId, RunningPlatform.API_KEY).status() == 200);
        String mediaId = customerSendsAPhoto();
        String keyId = Http.send("POST", base + "/api/v1/admin/keys", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"name\":\"contract\",\"account_id\":\"demo\",\"permissions\":[\"send_text\"]}").body()
                .path("data").path("id").asText();
        String endpointId = Http.send("POST", base + "/api/v1/admin/webhooks", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"account_id\":\"demo\",\"url\":\"https://hooks.acme.example/whatsapp\","
                        + "\"events\":[\"message.status\"]}").body().path("data").path("id").asText();

        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (List.of("get", "post", "patch", "delete").contains(method)) {
                operations.add(new Operation(path, method.toUpperCase(), (Map<String, Object>) op));
            }
        }));
        operations.sort(Comparator.comparingInt(Operation::order));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(17);

        for (Operation operation : operations) {
            String url = base + operation.path().replace("{message_id}", messageId)
                    .replace("{name}", "order_confirmation").replace("{id}", keyId).replace("{media_id}", mediaId)
                    .replace("{endpoint_id}", endpointId);
            String body = operation.exampleBody();
            HttpResponse<String> answer = client.send(request(url, operation, body, true),
                    HttpResponse.BodyHandlers.ofString());
            String what = operation.method() + " " + operation.path() + " -> " + answer.statusCode() + " " + answer.body();
            assertThat(answer.statusCode()).as(what).isBetween(200, 299);
            assertThat(operation.responses()).as(what).containsKey(Integer.toString(answer.statusCode()));
            if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                assertRequiredProperties(responseSchema(operation, answer.statusCode()), JSON.readTree(answer.body()),
                        what);
            } else {
                assertThat(responseContentTypes(operation, answer.statusCode())).as(what).isNotEmpty()
                        .noneMatch(type -> type.startsWith("application/json"));
            }

            HttpResponse<String> anonymous = client.send(request(url, operation, body, false),
                    HttpResponse.BodyHandlers.ofString());
            String anonymousWhat = "without credentials " + operation.method() + " " + operation.path();
            assertThat(anonymous.statusCode()).as(anonymousWhat).isEqualTo(401);
            assertThat(operation.responses()).as(anonymousWhat).containsKey("401");
            assertRequiredProperties(resolve(Map.of("$ref", "#/components/schemas/ErrorEnvelope")),
                    JSON.readTree(anonymous.body()), anonymousWhat);
        }
    }

    /**
     * The customer sends the business a photo (uploaded to the simulator, then posted as an inbound image message),
     * and the test waits until the inbound listing shows it: its media id may then be downloaded.
     */
    private String customerSendsAPhoto() throws Exception {
        HttpResponse<String> uploaded = client.send(HttpRequest.newBuilder(URI.create(platform.simulatorUrl()
                        + "/v23.0/" + RunningPlatform.PHONE_NUMBER_ID + "/media"))
                .header("Authorization", "Bearer " + RunningPlatform.ACCESS_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=contract")
                .POST(HttpRequest.BodyPublishers.ofString("--contract\r\nContent-Disposition: form-data;"
                        + " name=\"messaging_product\"\r\n\r\nwhatsapp\r\n--contract\r\nContent-Disposition: form-data;"
                        + " name=\"file\"; filename=\"receipt.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG-BYTES\r\n"
                        + "--contract--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String mediaId = JSON.readTree(uploaded.body()).path("id").asText();
        Http.Answer inbound = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + CUSTOMER + "\",\"image\":{\"id\":\"" + mediaId + "\",\"caption\":\"receipt\"}}");
        assertThat(inbound.status()).as(inbound.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(platform.apiUrl()
                + "/messages?direction=inbound&from=" + CUSTOMER.replace("+", "%2B"), RunningPlatform.API_KEY)
                .body().toString().contains(mediaId));
        return mediaId;
    }

    @SuppressWarnings("unchecked")
    private Set<String> responseContentTypes(Operation operation, int status) {
        Map<String, Object> response = resolve((Map<String, Object>) operation.responses().get(Integer.toString(status)));
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        return content == null ? Set.of() : content.keySet();
    }

    private HttpRequest request(String url, Operation operation, String body, boolean withCredentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(operation.method(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withCredentials) {
            if (operation.admin()) {
                request.header("Authorization", "Bearer " + RunningPlatform.ADMIN_TOKEN);
            } else {
                request.header("X-API-Key", RunningPlatform.API_KEY);
            }
        }
        return request.build();
    }

    @SuppressWarnings("unchecked")
    private void assertRequiredProperties(Map<String, Object> schema, JsonNode value, String what) {
        if (schema == null || value == null) {
            return;
        }
        for (String property : (List<String>) schema.getOrDefault("required", List.of())) {
            assertThat(value.has(property)).as(what + ": required property " + property).isTrue();
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            Object child = properties.get(property);
            if (child instanceof Map<?, ?> childSchema && value.get(property).isObject()) {
                assertRequiredProperties(resolve((Map<String, Object>) childSchema), value.get(property), what);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> responseSchema(Operation operation, int status) {
        Map<String, Object> response = resolve((Map<String, Object>) operation.responses().get(Integer.toString(status)));
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
        return content == null ? null : resolve((Map<String, Object>) content.get("application/json").get("schema"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (!(ref instanceof String pointer)) {
            return node;
        }
        Object target = document;
        for (String part : pointer.substring(2).split("/")) {
            target = ((Map<String, Object>) target).get(part);
        }
        return resolve((Map<String, Object>) target);
    }

    private record Operation(String path, String method, Map<String, Object> spec) {

        /** Creations first, then reads and changes, deletions last: each call finds what it needs. */
        int order() {
            if (method.equals("DELETE")) {
                return 3;
            }
            return method.equals("POST") && !path.endsWith("activate") ? 0 : method.equals("GET") ? 1 : 2;
        }

        boolean admin() {
            return path.startsWith("/api/v1/admin");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> responses() {
            return (Map<String, Object>) spec.get("responses");
        }

        @SuppressWarnings("unchecked")
        String exampleBody() throws Exception {
            Map<String, Object> body = (Map<String, Object>) spec.get("requestBody");
            if (body == null) {
                return null;
            }
            Object example = ((Map<String, Map<String, Object>>) body.get("content")).get("application/json")
                    .get("example");
            return JSON.writeValueAsString(example).replace("+919876543210", CUSTOMER);
        }
    }
}
