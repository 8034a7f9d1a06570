package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.local.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests against every public endpoint of the running platform: wrong types, truncated and
 * mangled JSON, invalid UTF-8, absurd sizes and values, wrong content types, bad keys. Whatever comes in, the answer is
 * a 4xx in the API's envelope (or a 2xx when the mangling happened to leave a valid request), never a 5xx.
 */
class BadInputEndToEndTest {

    private static final List<String> POST_PATHS = List.of("/messages/text", "/messages/template",
            "/messages/template/send", "/messages/interactive/list", "/messages/interactive/button", "/messages/media");
    private static final List<String> SEEDS = List.of(
            "{\"to\":\"+919876543210\",\"message\":\"Hello! This is a test message from the API.\",\"reference\":\"test-msg-001\"}",
            "{\"to\":\"+919876543210\",\"template_name\":\"order_confirmation\",\"language\":\"en\",\"variables\":"
                    + "{\"customer_name\":\"John Doe\",\"order_id\":\"ORD-12345\",\"total_amount\":\"$99.99\"}}",
            "{\"to\":\"+919876543210\",\"template_name\":\"order_confirmation\",\"language\":\"en\",\"components\":"
                    + "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"John Doe\"}]}]}",
            "{\"to\":\"+919876543210\",\"body\":\"Pick one\",\"button\":\"View\",\"sections\":[{\"title\":\"A\","
                    + "\"rows\":[{\"id\":\"r1\",\"title\":\"Row\",\"description\":\"d\"}]}]}",
            "{\"to\":\"+919876543210\",\"body\":\"Confirm?\",\"buttons\":[{\"id\":\"yes\",\"title\":\"Yes\"}]}",
            "{\"to\":\"+919876543210\",\"type\":\"image\",\"link\":\"https://example.com/a.jpg\",\"caption\":\"c\"}");
    private static final List<String> VALUES = List.of("null", "true", "0", "-1", "1e309", "[]", "{}", "\"\"",
            "\"+\"", "\"" + "x".repeat(5000) + "\"", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[]]]]]]", "9999999999999999999999",
            "{\"$ne\":1}", "\"<script>\"", "\"+91 98765 43210\"", "\"' OR 1=1 --\"");

    private final Platform platform = RunningPlatform.get();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261121L);

    @Test
    void noMalformedRequestToAnyEndpointGetsA5xx() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String path : POST_PATHS) {
            for (int i = 0; i < 400; i++) {
                byte[] body = mangle(SEEDS.get(random.nextInt(SEEDS.size())));
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                key(request);
                if (random.nextInt(10) == 0) {
                    request.header("Idempotency-Key", random.nextBoolean() ? "" : "k" + random.nextInt(5));
                }
                sent++;
                check(request.build(), new String(body, StandardCharsets.ISO_8859_1), failures);
            }
        }
        for (String path : List.of("/messages/", "/templates/", "/templates", "/messages")) {
            for (int i = 0; i < 150; i++) {
                String suffix = path.endsWith("/") ? junkPathSegment() : "?" + junkPathSegment() + "=" + junkPathSegment();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + path + suffix))
                        .timeout(Duration.ofSeconds(15)).GET();
                key(request);
                sent++;
                check(request.build(), path + suffix, failures);
            }
        }

        assertThat(sent).isGreaterThanOrEqualTo(3000);
        assertThat(failures).as("requests answered with a 5xx").isEmpty();
    }

    private void check(HttpRequest request, String what, List<String> failures) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            failures.add(response.statusCode() + " " + request.method() + " " + request.uri() + " <- "
                    + what.substring(0, Math.min(200, what.length())) + " -> " + response.body());
        } else if (response.statusCode() >= 400) {
            assertThat(response.body()).as("error envelope for " + request.uri()).contains("\"success\":false");
        }
    }

    private void key(HttpRequest.Builder request) {
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> request.header("X-API-Key", "pk_live_" + UUID.randomUUID());
            case 2 -> request.header("X-API-Key", "\t ");
            default -> request.header("X-API-Key", RunningPlatform.API_KEY);
        }
    }

    private String contentType() {
        return switch (random.nextInt(8)) {
            case 0 -> "text/plain";
            case 1 -> "application/json; charset=latin1";
            case 2 -> "application/xml";
            default -> "application/json";
        };
    }

    private byte[] mangle(String seed) {
        String json = seed;
        switch (random.nextInt(9)) {
            case 0 -> json = json.substring(0, random.nextInt(json.length())); // truncated
            case 1 -> { // a value replaced by something of another type
                int colon = nthColon(json);
                int end = json.indexOf(',', colon);
                json = json.substring(0, colon + 1) + VALUES.get(random.nextInt(VALUES.size()))
                        + (end < 0 ? "}" : json.substring(end));
            }
            case 2 -> { // invalid UTF-8 bytes in the middle
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x40));
                bytes[random.nextInt(bytes.length)] = (byte) 0xC3;
                return bytes;
            }
            case 3 -> json = ""; // empty body
            case 4 -> json = VALUES.get(random.nextInt(VALUES.size())); // not an object
            case 5 -> json = json.replace("\"", ""); // not JSON at all
            case 6 -> json = json.replaceFirst("\\{", "{\"" + "k".repeat(random.nextInt(3000)) + "\":1,"); // junk field
            case 7 -> { // random bytes
                byte[] bytes = new byte[random.nextInt(512)];
                random.nextBytes(bytes);
                return bytes;
            }
            default -> json = json.replace("+919876543210", VALUES.get(random.nextInt(VALUES.size())).replace("\"", ""));
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private int nthColon(String json) {
        int count = (int) json.chars().filter(c -> c == ':').count();
        int target = random.nextInt(Math.max(1, count));
        int index = -1;
        for (int i = 0; i <= target; i++) {
            index = json.indexOf(':', index + 1);
        }
        return Math.max(index, 0);
    }

    private String junkPathSegment() {
        String[] junk = {"%00", "..", "%2e%2e%2f", "x".repeat(300), "550e8400-e29b-41d4-a716-446655440000", "%E2%82",
                "order_confirmation", "%20", "a%2Fb", "-1", "null", "%F0%9F%98%80"};
        return junk[random.nextInt(junk.length)];
    }
}
