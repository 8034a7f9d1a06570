package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The seeds' example recipient, acting as a customer through the simulator: at every start it writes "Hi" to the
 * business, exactly as a person would, so the 24-hour customer-service window is open and the seed's text example
 * works as written. The message takes the real path: signed webhook, webhook-ingest, inbound-messages.
 */
final class DemoCustomer {

    static final String SEED_RECIPIENT = "+919876543210";

    private DemoCustomer() {
    }

    static void sayHi(String simulatorUrl, String phone) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulatorUrl + "/_sim/inbound"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + phone + "\",\"text\":\"Hi\","
                        + "\"profile_name\":\"Demo Customer\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            System.err.println("The demo customer could not write to the business (HTTP " + answer.statusCode()
                    + "): " + answer.body());
        }
    }
}
