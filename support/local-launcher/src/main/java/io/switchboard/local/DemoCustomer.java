package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The API examples' recipient (+919876543210), acting as a customer through the simulator: at every start it writes
 * "Hi" to the business, exactly as a person would, so the 24-hour customer-service window is open and the example
 * text send works as written. The message takes the real path: signed webhook, webhook-ingest, inbound-messages.
 */
final class DemoCustomer {

    static final String SEED_RECIPIENT = "+919876543210";

    private DemoCustomer() {
    }

    /**
     * Writes "Hi" as {@code phone}, then waits (up to 30 s) until the API sees the window, asking in simulate mode,
     * so the first request a person makes after the start banner is accepted.
     */
    static void sayHi(String simulatorUrl, String apiUrl, String apiKey, String phone)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(simulatorUrl + "/_sim/inbound"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + phone + "\",\"text\":\"Hi\","
                        + "\"profile_name\":\"Demo Customer\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            System.err.println("The demo customer could not write to the business (HTTP " + answer.statusCode()
                    + "): " + answer.body());
            return;
        }
        HttpRequest check = HttpRequest.newBuilder(URI.create(apiUrl + "/messages/text?simulate=true"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + phone + "\",\"message\":\"check\"}"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (http.send(check, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(200); // polling a service that is still catching up; not a test
        }
        System.err.println("The API has not seen the demo customer's message yet; the first send may be refused.");
    }
}
