package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.ConfigRecords;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A business number belongs to exactly one account, on every instance: claiming it again is 409 PHONE_NUMBER_TAKEN
 * naming the owner, two claims racing on two instances let exactly one through, a claim that never reached the topic
 * (its instance died) frees the number after the claim TTL, Redis that lost the claims is refilled from the topic,
 * and accounts created before ownership existed get their numbers, the oldest first. Two instances share Kafka and
 * Redis; the reconciler runs every second and a pending claim lives two seconds.
 */
class PhoneNumberOwnershipTest {

    private static final String TEXT = "{\"to\":\"+919876543210\",\"message\":\"Hello\"}";

    private static IngressApp app;
    private static IngressApp other;
    private static AdminCalls admin;
    private static AdminCalls otherAdmin;

    @BeforeAll
    static void start() {
        Map<String, Object> config = Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey(),
                "switchboard.ingress.phone-numbers.reconcile-interval", "1s",
                "switchboard.ingress.phone-numbers.claim-ttl", "2s");
        app = IngressApp.start(config);
        other = IngressApp.start(config);
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        otherAdmin = new AdminCalls(other, AdminCalls.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        other.close();
        app.close();
    }

    @Test
    void aNumberClaimedAgainOnEitherInstanceIs409NamingItsOwner() {
        String number = newNumber();
        String owner = admin.createAccount(number);

        for (AdminCalls calls : List.of(admin, otherAdmin)) {
            HttpResponse<String> refused = calls.call("POST", "/api/v1/admin/accounts", account("acct-b-"
                    + UUID.randomUUID().toString().substring(0, 8), number));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            JsonNode error = json(refused).get("error");
            assertThat(error.get("code").asText()).isEqualTo("PHONE_NUMBER_TAKEN");
            assertThat(error.get("message").asText()).contains("phone_number_id " + number)
                    .contains("account '" + owner + "'");
        }
        JsonNode record = json(admin.call("GET", "/api/v1/admin/phone-numbers/" + number, null)).get("data");
        assertThat(record.get("account_id").asText()).isEqualTo(owner);
        JsonNode view = json(otherAdmin.call("GET", "/api/v1/admin/accounts/" + owner, null)).get("data");
        await().atMost(Duration.ofSeconds(1)).until(() -> json(otherAdmin.call("GET", "/api/v1/admin/accounts/"
                + owner, null)).get("data").get("phone_numbers").size() == 1);
        assertThat(view.get("status").asText()).isEqualTo("active");
        // Replacing the owner with the same number is no claim at all.
        assertThat(admin.call("POST", "/api/v1/admin/accounts", account(owner, number)).statusCode()).isEqualTo(200);
    }

    @Test
    void twoClaimsRacingOnTwoInstancesLetExactlyOneThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String number = newNumber();
                String first = "race-a-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                String second = "race-b-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<HttpResponse<String>> onApp = CompletableFuture.supplyAsync(() -> {
                    awaitLatch(go);
                    return admin.call("POST", "/api/v1/admin/accounts", account(first, number));
                }, pool);
                CompletableFuture<HttpResponse<String>> onOther = CompletableFuture.supplyAsync(() -> {
                    awaitLatch(go);
                    return otherAdmin.call("POST", "/api/v1/admin/accounts", account(second, number));
                }, pool);
                go.countDown();

                List<Integer> statuses = new ArrayList<>(List.of(onApp.get().statusCode(), onOther.get().statusCode()));
                String winner = onApp.get().statusCode() == 201 ? first : second;
                String loser = winner.equals(first) ? second : first;

                assertThat(statuses).as(onApp.get().body() + " / " + onOther.get().body())
                        .containsExactlyInAnyOrder(201, 409);
                HttpResponse<String> refused = onApp.get().statusCode() == 409 ? onApp.get() : onOther.get();
                assertThat(json(refused).get("error").get("message").asText()).contains("'" + winner + "'");
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
                    for (AdminCalls calls : List.of(admin, otherAdmin)) {
                        assertThat(json(calls.call("GET", "/api/v1/admin/phone-numbers/" + number, null))
                                .get("data").get("account_id").asText()).isEqualTo(winner);
                        assertThat(calls.call("GET", "/api/v1/admin/accounts/" + loser, null).statusCode())
                                .isEqualTo(404);
                    }
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimWhoseInstanceDiedBeforePublishingFreesTheNumberAfterTheClaimTtl() throws Exception {
        String number = newNumber();
        // What an instance leaves behind when it dies between its Redis claim and its phone-numbers record.
        redis().set("pn:" + number, "ghost-account", SetArgs.Builder.px(2_000)).get();

        HttpResponse<String> refused = admin.call("POST", "/api/v1/admin/accounts", account("acct-late", number));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("error").get("message").asText()).contains("'ghost-account'");

        String accountId = "acct-free-" + UUID.randomUUID().toString().substring(0, 8);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() ->
                admin.call("POST", "/api/v1/admin/accounts", account(accountId, number)).statusCode() == 201);
        assertThat(redis().ttl("pn:" + number).get()).isEqualTo(-1L);
    }

    @Test
    void whenRedisLostTheClaimsTheTopicStillDecidesAndRedisIsRefilledFromIt() throws Exception {
        String number = newNumber();
        String owner = admin.createAccount(number);
        redis().del("pn:" + number).get();

        HttpResponse<String> refused = otherAdmin.call("POST", "/api/v1/admin/accounts", account("acct-c-"
                + UUID.randomUUID().toString().substring(0, 8), number));

        assertThat(refused.statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.equals(redis().get("pn:" + number).get()));
    }

    @Test
    void accountsFromBeforeOwnershipGetTheirNumbersOldestFirstAndTheYoungerOneIsRefused() {
        String number = newNumber();
        Instant created = Instant.now().minus(Duration.ofDays(30));
        Account oldest = legacyAccount("legacy-old-" + UUID.randomUUID().toString().substring(0, 6), number, created);
        Account younger = legacyAccount("legacy-new-" + UUID.randomUUID().toString().substring(0, 6), number,
                created.plusSeconds(60));
        ConfigRecords.publish(younger);
        ConfigRecords.publish(oldest);
        String oldKey = ConfigRecords.publishKey(oldest.getAccountId(), Permission.SEND_TEXT);
        String youngKey = ConfigRecords.publishKey(younger.getAccountId(), Permission.SEND_TEXT);

        await().atMost(Duration.ofSeconds(10)).until(() -> admin.call("GET", "/api/v1/admin/phone-numbers/"
                + number, null).statusCode() == 200);
        assertThat(json(admin.call("GET", "/api/v1/admin/phone-numbers/" + number, null)).get("data")
                .get("account_id").asText()).isEqualTo(oldest.getAccountId());
        await().atMost(Duration.ofSeconds(10)).until(() -> app.postText(oldKey, TEXT).statusCode() == 202);
        HttpResponse<String> refused = other.postText(youngKey, TEXT);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("PHONE_NUMBER_NOT_OWNED");
        assertThat(refused.body()).doesNotContain(oldest.getAccountId());
        await().atMost(Duration.ofSeconds(10)).until(() -> json(app.send("GET", "/health", null)).get("details")
                .get("ingress").get("details").get("phoneNumberConflicts").asInt() >= 1);
    }

    @Test
    void theBootstrapAccountsNumberIsClaimedAtStart() {
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.call("GET", "/api/v1/admin/phone-numbers/"
                + app.phoneNumberId(), null).statusCode() == 200);
        assertThat(json(admin.call("GET", "/api/v1/admin/phone-numbers/" + app.phoneNumberId(), null))
                .get("data").get("account_id").asText()).isEqualTo(app.accountId());
        assertThat(json(admin.call("GET", "/api/v1/admin/phone-numbers?account_id=" + app.accountId(), null))
                .get("data")).hasSize(1);
        assertThat(admin.call("GET", "/api/v1/admin/phone-numbers/1", null).statusCode()).isEqualTo(404);
    }

    private static RedisAsyncCommands<String, String> redis() throws Exception {
        return app.context().getBean(RedisConnector.class).commands().get();
    }

    private static Account legacyAccount(String accountId, String number, Instant createdAt) {
        return Account.newBuilder().setAccountId(accountId).setName("Legacy").setWabaId("102290129340398")
                .setPhoneNumberId(number).setCreatedAt(createdAt).build();
    }

    static String newNumber() {
        long random = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        return Long.toString(200_000_000_000_000L + random);
    }

    static String account(String accountId, String number) {
        return """
                {"account_id":"%s","name":"Acme Retail","waba_id":"102290129340398","phone_number_id":"%s"}"""
                .formatted(accountId, number);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
