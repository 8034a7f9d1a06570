package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.local.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Customers acting through the simulator, as on a phone: a customer who writes to the business opens the 24-hour
 * window in which free-form messages may be sent to them. The inbound message travels the real path (signed webhook,
 * webhook-ingest, inbound-messages, the ingress's window writer into Redis), so the test waits until the API sees the
 * window, asking in simulate mode (which checks everything and queues nothing).
 */
final class Customers {

    private Customers() {
    }

    static void writeToTheBusiness(Platform platform, String phone) {
        Http.Answer answer = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + phone + "\",\"text\":\"Hi\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(Http.post(platform.apiUrl() + "/messages/text?simulate=true", RunningPlatform.API_KEY,
                        "{\"to\":\"" + phone + "\",\"message\":\"window check\"}").status()).isEqualTo(200));
    }

    /**
     * The customer sends the business a photo (uploaded to the simulator, then posted as an inbound image message);
     * waits until the inbound listing shows it and answers its media id, which may then be downloaded.
     */
    static String sendAPhoto(Platform platform, String phone) throws Exception {
        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        platform.simulatorUrl() + "/v23.0/" + RunningPlatform.PHONE_NUMBER_ID + "/media"))
                .header("Authorization", "Bearer " + RunningPlatform.ACCESS_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=contract")
                .POST(HttpRequest.BodyPublishers.ofString("--contract\r\nContent-Disposition: form-data;"
                        + " name=\"messaging_product\"\r\n\r\nwhatsapp\r\n--contract\r\nContent-Disposition: form-data;"
                        + " name=\"file\"; filename=\"receipt.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG-BYTES\r\n"
                        + "--contract--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String mediaId = new ObjectMapper().readTree(uploaded.body()).path("id").asText();
        Http.Answer inbound = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + phone + "\",\"image\":{\"id\":\"" + mediaId + "\",\"caption\":\"receipt\"}}");
        assertThat(inbound.status()).as(inbound.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(platform.apiUrl()
                + "/messages?direction=inbound&from=" + phone.replace("+", "%2B"), RunningPlatform.API_KEY)
                .body().toString().contains(mediaId));
        return mediaId;
    }
}
