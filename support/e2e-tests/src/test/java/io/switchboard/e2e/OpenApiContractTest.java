package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.switchboard.local.Platform;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the ingress serves, checked against the whole running platform: it is the repository's file;
 * every operation api-ingress serves, called with its documented example, succeeds with an answer that matches the
 * document (status, headers, body; the Atlassian validator, strict about undocumented properties) and the example
 * matches the request schema; without credentials each protected operation of the public API, and one operation of
 * each admin tag, answers a documented 401 in the error envelope (the admin API throttles an address after ten
 * failed authentications a minute, and all its operations share one guard). The account operations (disable, enable,
 * delete, template sync) act on an account of this test's own, never on the demo account the other tests use. The
 * operations endpoints of the other services (dispatcher, status-projector, webhook-ingest, schema registry) answer
 * as documented too. The dispatcher's admin API and the customer webhooks are checked in
 * {@link CustomerWebhooksContractTest} and {@code delivery.DispatcherAdminContractTest}.
 */
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "+919876500010";

    private final Platform platform = RunningPlatform.get();
    private final String base = platform.apiUrl().replace("/api/v1/external", "");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theServedDocumentIsTheRepositorysFile() throws Exception {
        HttpResponse<String> served = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.yaml"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(Files.readString(RunningPlatform.repositoryRoot()
                .resolve("api-ingress/src/main/resources/openapi/switchboard-api.yaml")));
    }

    @Test
    void everyIngressOperationAnswersItsExampleAsDocumented() throws Exception {
        OpenApiContract contract = OpenApiContract.fromRepository(RunningPlatform.repositoryRoot());
        Customers.writeToTheBusiness(platform, CUSTOMER);
        String messageId = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"for the contract test\"}").body().path("data")
                .path("message_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(platform.apiUrl() + "/messages/" + messageId, RunningPlatform.API_KEY).status() == 200);
        String mediaId = Customers.sendAPhoto(platform, CUSTOMER);
        String keyId = Http.send("POST", base + "/api/v1/admin/keys", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"name\":\"contract\",\"account_id\":\"demo\",\"permissions\":[\"send_text\"]}").body()
                .path("data").path("id").asText();
        String endpointId = Http.send("POST", base + "/api/v1/admin/webhooks", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"account_id\":\"demo\",\"url\":\"https://hooks.acme.example/whatsapp\","
                        + "\"events\":[\"message.status\"]}").body().path("data").path("id").asText();
        String account = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        String number = Long.toString(108_000_000_000_000L + Math.floorMod(UUID.randomUUID()
                .getMostSignificantBits(), 1_000_000_000_000L));
        Http.Answer created = Http.send("POST", base + "/api/v1/admin/accounts", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"account_id\":\"" + account + "\",\"name\":\"Contract\",\"waba_id\":\"100000000000001\","
                        + "\"phone_number_id\":\"" + number + "\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

        List<Call> calls = new ArrayList<>();
        contract.model().getPaths().forEach((path, item) -> {
            if (servedByIngress(item)) {
                item.readOperationsMap().forEach((method, operation) ->
                        calls.add(new Call(path, method.name(), operation)));
            }
        });
        calls.sort(Comparator.comparingInt(Call::order));
        assertThat(calls).hasSizeGreaterThanOrEqualTo(45);

        List<String> problems = new ArrayList<>();
        Set<String> adminTagsRefused = new HashSet<>();
        for (Call call : calls) {
            String url = base + call.path().replace("{message_id}", messageId).replace("{id}", keyId)
                    .replace("{media_id}", mediaId).replace("{endpoint_id}", endpointId)
                    .replace("{account_id}", account).replace("{phone_number_id}", number)
                    .replace("{probe}", "readiness")
                    .replace("/metrics/{name}", "/metrics/jvm.memory.used").replace("{name}", "order_confirmation");
            String body = call.exampleBody();
            String[] headers = call.headers(body != null, true);
            HttpResponse<String> answer = client.send(request(url, call.method(), body, headers),
                    HttpResponse.BodyHandlers.ofString());
            String what = call.method() + " " + call.path() + " -> " + answer.statusCode() + " " + answer.body();
            assertThat(answer.statusCode()).as(what).isBetween(200, 299);
            String mismatch = contract.problems(call.method(), answer, body, true, headers);
            if (!mismatch.isEmpty()) {
                problems.add(what + "\n  " + mismatch);
            }
            if (call.protectedByCredentials() && (!call.path().startsWith("/api/v1/admin")
                    || adminTagsRefused.add(call.spec().getTags().get(0)))) {
                String[] anonymous = call.headers(body != null, false);
                HttpResponse<String> refused = client.send(request(url, call.method(), body, anonymous),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("without credentials " + what).isEqualTo(401);
                assertThat(JSON.readTree(refused.body()).path("success").asBoolean(true)).isFalse();
                String refusal = contract.problems(call.method(), refused, body, false, anonymous);
                if (!refusal.isEmpty()) {
                    problems.add("without credentials " + what + "\n  " + refusal);
                }
            }
        }
        assertThat(problems).as("exchanges that do not match the document").isEmpty();
    }

    @Test
    void theOperationsEndpointsOfEveryOtherServiceAnswerAsDocumented() throws Exception {
        OpenApiContract contract = OpenApiContract.fromRepository(RunningPlatform.repositoryRoot());
        Map<String, String> services = Map.of("dispatcher", platform.dispatcherUrl(),
                "status-projector", platform.projectorUrl(),
                "webhook-ingest", platform.webhookIngestUrl().replace("/webhooks/whatsapp", ""),
                "schema registry", EmbeddedSchemaRegistry.shared(KafkaTestCluster.shared().bootstrapServers()).url());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> service : services.entrySet()) {
            List<String> paths = service.getKey().equals("schema registry") ? List.of("/health", "/prometheus")
                    : List.of("/health", "/health/liveness", "/prometheus", "/metrics");
            for (String path : paths) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(service.getValue() + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String what = service.getKey() + " GET " + path + " -> " + answer.statusCode();
                assertThat(answer.statusCode()).as(what + " " + answer.body()).isEqualTo(200);
                String mismatch = contract.problems("GET", answer, null, true);
                if (!mismatch.isEmpty()) {
                    problems.add(what + "\n  " + mismatch);
                }
            }
        }
        assertThat(problems).as("exchanges that do not match the document").isEmpty();
    }

    private static boolean servedByIngress(PathItem item) {
        return item.getServers() == null || item.getServers().stream().anyMatch(s -> s.getUrl().equals("/"));
    }

    private static HttpRequest request(String url, String method, String body, String[] headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private record Call(String path, String method, Operation spec) {

        /** Creations first, then reads and changes, deletions last: each call finds what it needs. */
        int order() {
            if (method.equals("DELETE")) {
                return 3;
            }
            return method.equals("POST") && !path.contains("{") ? 0 : method.equals("GET") ? 1 : 2;
        }

        boolean protectedByCredentials() {
            return spec.getSecurity() == null || !spec.getSecurity().isEmpty();
        }

        String[] headers(boolean json, boolean withCredentials) {
            List<String> headers = new ArrayList<>();
            if (json) {
                headers.addAll(List.of("Content-Type", "application/json"));
            }
            if (withCredentials && protectedByCredentials()) {
                headers.addAll(path.startsWith("/api/v1/admin")
                        ? List.of("Authorization", "Bearer " + RunningPlatform.ADMIN_TOKEN)
                        : List.of("X-API-Key", RunningPlatform.API_KEY));
            }
            return headers.toArray(String[]::new);
        }

        String exampleBody() {
            if (spec.getRequestBody() == null) {
                return null;
            }
            Object example = spec.getRequestBody().getContent().get("application/json").getExample();
            return Json.pretty(example).replace("+919876543210", CUSTOMER);
        }
    }
}
