package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.local.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Finding outbound messages again through the whole platform, with the real status-projector behind the ingress: a
 * status query right after the 202 answers, never 404; a message is found by its reference, its recipient and its
 * status; the batch lookup answers many at once; another account's key finds none of it.
 */
class FindingMessagesEndToEndTest {

    private final Platform platform = RunningPlatform.get();

    @Test
    void aStatusQueryRightAfterTheAcceptanceAnswersNever404() {
        String customer = "+14155550191";
        Customers.writeToTheBusiness(platform, customer);
        // Fewer than the per-recipient limit of ten a minute.
        for (int i = 0; i < 8; i++) {
            String id = send(customer, "right-after-" + i);
            Http.Answer status = Http.get(platform.apiUrl() + "/messages/" + id, RunningPlatform.API_KEY);

            assertThat(status.status()).as(status.body().toString()).isEqualTo(200);
            assertThat(status.body().path("data").path("message_id").asText()).isEqualTo(id);
            assertThat(status.body().path("data").path("status").asText())
                    .isIn("queued", "sent", "delivered", "read");
        }
    }

    @Test
    void aMessageWhoseIdWasLostIsFoundByItsReferenceRecipientAndStatus() {
        String customer = "+14155550192";
        Customers.writeToTheBusiness(platform, customer);
        String reference = "order-" + UUID.randomUUID();
        String id = send(customer, reference);
        send(customer, "another-" + UUID.randomUUID());

        JsonNode byReference = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> list("?reference=" + reference), found -> found.size() == 1);
        assertThat(byReference.get(0).path("message_id").asText()).isEqualTo(id);
        assertThat(byReference.get(0).path("reference").asText()).isEqualTo(reference);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> list("?to=" + customer.replace("+", "%2B")), found -> found.size() >= 2);
        JsonNode read = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> list("?reference=" + reference + "&status=read"), found -> found.size() == 1);
        assertThat(read.get(0).path("status").asText()).isEqualTo("read");
        assertThat(list("?reference=" + reference + "&status=failed")).isEmpty();
    }

    @Test
    void theBatchLookupAnswersManyMessagesAndNamesTheUnknownOnes() {
        String customer = "+14155550193";
        Customers.writeToTheBusiness(platform, customer);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(send(customer, "batch-" + i));
        }
        String unknown = UUID.randomUUID().toString();
        List<String> asked = new ArrayList<>(ids);
        asked.add(unknown);

        Http.Answer answer = Http.post(platform.apiUrl() + "/messages/status", RunningPlatform.API_KEY,
                "{\"message_ids\":[\"" + String.join("\",\"", asked) + "\"]}");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        answer.body().path("data").path("messages").forEach(m -> found.add(m.path("message_id").asText()));
        assertThat(found).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(answer.body().path("data").path("not_found").get(0).asText()).isEqualTo(unknown);
    }

    @Test
    void anotherAccountsKeyFindsNoneOfIt() {
        String customer = "+14155550194";
        Customers.writeToTheBusiness(platform, customer);
        String reference = "private-" + UUID.randomUUID();
        String id = send(customer, reference);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> list("?reference=" + reference), found -> found.size() == 1);
        String otherKey = keyOfANewAccount();

        Http.Answer byId = Http.get(platform.apiUrl() + "/messages/" + id, otherKey);
        Http.Answer byReference = Http.get(platform.apiUrl() + "/messages?reference=" + reference, otherKey);
        Http.Answer batch = Http.post(platform.apiUrl() + "/messages/status", otherKey,
                "{\"message_ids\":[\"" + id + "\"]}");

        assertThat(byId.status()).isEqualTo(404);
        assertThat(byReference.status()).isEqualTo(200);
        assertThat(byReference.body().path("data")).isEmpty();
        assertThat(batch.body().path("data").path("messages")).isEmpty();
        assertThat(batch.body().path("data").path("not_found").get(0).asText()).isEqualTo(id);
    }

    private String send(String to, String reference) {
        Http.Answer accepted = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"" + to + "\",\"message\":\"Your order is on its way\",\"reference\":\"" + reference + "\"}");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        return accepted.body().path("data").path("message_id").asText();
    }

    private JsonNode list(String query) {
        Http.Answer answer = Http.get(platform.apiUrl() + "/messages" + query, RunningPlatform.API_KEY);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("data");
    }

    private String keyOfANewAccount() {
        String admin = platform.apiUrl().replace("/api/v1/external", "/api/v1/admin");
        String account = "acct-find-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Answer created = Http.send("POST", admin + "/accounts", "Bearer " + RunningPlatform.ADMIN_TOKEN, """
                {"account_id":"%s","name":"Another shop","waba_id":"700000000000021","phone_number_id":"%s"}"""
                .formatted(account, "8000000" + (System.nanoTime() % 100_000_000L)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Http.Answer key = Http.send("POST", admin + "/keys", "Bearer " + RunningPlatform.ADMIN_TOKEN, """
                {"name":"another shop","account_id":"%s","permissions":["view_messages"],"rate_limit":1000}"""
                .formatted(account));
        assertThat(key.status()).as(key.body().toString()).isEqualTo(201);
        String apiKey = key.body().path("data").path("api_key").asText();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.get(platform.apiUrl() + "/messages?direction=outbound", apiKey).status() == 200);
        return apiKey;
    }
}
