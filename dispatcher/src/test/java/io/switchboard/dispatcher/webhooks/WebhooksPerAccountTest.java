package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.PhoneNumber;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Customer webhooks per account, on the real broker, registry and HTTP receivers: a reply goes to the one account
 * the phone-numbers table names as the number's owner (not to another account that also claims it), a disabled
 * account's endpoints stop until it is enabled again (its events stay replayable), a deleted account's events are
 * never written and are counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksPerAccountTest {

    private static final List<String> ALL_EVENTS = List.of("message.status", "message.received");
    private static final Instant EARLIER = Instant.parse("2025-01-01T00:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String sharedNumber = "1077" + Math.abs(("shared" + run).hashCode());
    private final String legacyNumber = "1078" + Math.abs(("legacy" + run).hashCode());
    private WebhookEnvironment env;
    private final Tenant owner = new Tenant("owner");
    private final Tenant squatter = new Tenant("squatter");
    private final Tenant firstClaim = new Tenant("first");
    private final Tenant laterClaim = new Tenant("later");
    private final Tenant paused = new Tenant("paused");
    private final Tenant gone = new Tenant("gone");

    /** An account with its receiver and an endpoint for every event. */
    private final class Tenant {
        final String accountId;
        final WebhookReceiver receiver;
        final WebhookEndpoint endpoint;

        Tenant(String name) {
            accountId = "acct_" + name + "_" + run;
            try {
                receiver = new WebhookReceiver();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            endpoint = WebhookFixtures.endpoint(accountId, receiver.url(), WebhookFixtures.newSecret(), ALL_EVENTS);
        }

        void register(String sendingNumber, Instant createdAt, AccountStatus status) throws Exception {
            Account account = WebhookFixtures.account(accountId, sendingNumber);
            account.setCreatedAt(createdAt);
            account.setStatus(status);
            env.produce(Topics.ACCOUNTS, accountId, account);
            env.produce(Topics.WEBHOOK_ENDPOINTS, endpoint.getEndpointId(), endpoint);
        }
    }

    @BeforeAll
    void start() throws Exception {
        env = new WebhookEnvironment(Map.of());
        // The squatter claimed the owner's number as its sending number before claims were checked; the
        // phone-numbers table names the owner, whose own sending number is another one.
        owner.register("1079" + Math.abs(run.hashCode()), Instant.now(), AccountStatus.ACTIVE);
        squatter.register(sharedNumber, EARLIER, AccountStatus.ACTIVE);
        env.produce(Topics.PHONE_NUMBERS, sharedNumber, PhoneNumber.newBuilder().setPhoneNumberId(sharedNumber)
                .setAccountId(owner.accountId).setClaimedAt(Instant.now()).build());
        laterClaim.register(legacyNumber, EARLIER.plusSeconds(60), AccountStatus.ACTIVE);
        firstClaim.register(legacyNumber, EARLIER, AccountStatus.ACTIVE);
        paused.register("1080" + Math.abs(run.hashCode()), Instant.now(), AccountStatus.ACTIVE);
        gone.register("1081" + Math.abs(run.hashCode()), Instant.now(), AccountStatus.DELETED);
        env.produce(Topics.PHONE_NUMBERS, "1081" + Math.abs(run.hashCode()), PhoneNumber.newBuilder()
                .setPhoneNumberId("1081" + Math.abs(run.hashCode())).setAccountId(gone.accountId)
                .setClaimedAt(Instant.now()).build());
        env.start();
    }

    @AfterAll
    void stop() {
        env.close();
        for (Tenant tenant : List.of(owner, squatter, firstClaim, laterClaim, paused, gone)) {
            tenant.receiver.close();
        }
    }

    @Test
    void aReplyGoesOnlyToTheAccountThePhoneNumbersTableNamesAsTheNumbersOwner() throws Exception {
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(sharedNumber, "+919876543210"),
                WebhookFixtures.listReply(sharedNumber));

        await().atMost(Duration.ofSeconds(20)).until(() -> owner.receiver.delivered().size() == 1);
        assertThat(owner.receiver.delivered().get(0).body()).contains("\"message.received\"", "wamid.abc456");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> squatter.receiver.requests().isEmpty());
    }

    @Test
    void aNumberWithoutARecordBelongsToTheAccountThatClaimedItFirst() throws Exception {
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(legacyNumber, "+919876543210"),
                WebhookFixtures.buttonReply(legacyNumber));

        await().atMost(Duration.ofSeconds(20)).until(() -> firstClaim.receiver.delivered().size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> laterClaim.receiver.requests().isEmpty());
    }

    @Test
    void aDisabledAccountsEndpointsStopUntilItIsEnabledAgainAndItsEventsCanBeReplayed() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        String before = sent(paused, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> paused.receiver.delivered().size() == 1);

        setStatus(paused, AccountStatus.DISABLED);
        double dropped = count("webhooks.dropped", "reason", "account_disabled");
        String whileDisabled = sent(paused, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("webhooks.dropped", "reason", "account_disabled") > dropped);
        assertThat(paused.receiver.requests()).hasSize(1);

        setStatus(paused, AccountStatus.ACTIVE);
        String after = sent(paused, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> paused.receiver.delivered().size() == 2);
        assertThat(paused.receiver.delivered().get(1).body()).contains(after);

        var replay = env.admin("POST", "/admin/webhooks/endpoints/" + paused.endpoint.getEndpointId()
                + "/replay?from=" + from);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> paused.receiver.delivered().stream()
                .anyMatch(r -> r.body().contains(whileDisabled)));
        assertThat(paused.receiver.delivered().stream().filter(r -> r.body().contains(whileDisabled)).findFirst()
                .orElseThrow().header("webhook-id"))
                .isEqualTo(WebhookSigner.webhookId(paused.endpoint.getEndpointId(), whileDisabled + ":SENT"));
        assertThat(before).isNotEqualTo(whileDisabled);
    }

    @Test
    void aDeletedAccountsEventsAreNeitherWrittenNorDeliveredButCounted() throws Exception {
        double unrouted = count("webhooks.events.unrouted", "reason", "account_deleted");
        String messageId = UUID.randomUUID().toString();
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(gone.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED));
        String number = "1081" + Math.abs(run.hashCode());
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(number, "+919876543210"),
                WebhookFixtures.listReply(number));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("webhooks.events.unrouted", "reason", "account_deleted") >= unrouted + 3);
        assertThat(gone.receiver.requests()).isEmpty();
    }

    private String sent(Tenant tenant, String messageId) throws Exception {
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(tenant.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT));
        return messageId;
    }

    private void setStatus(Tenant tenant, AccountStatus status) throws Exception {
        Account account = WebhookFixtures.account(tenant.accountId, "1080" + Math.abs(run.hashCode()));
        account.setStatus(status);
        account.setStatusReason("operator: " + status);
        account.setStatusChangedAt(Instant.now());
        env.produce(Topics.ACCOUNTS, tenant.accountId, account);
        EndpointDirectory directory = env.context().getBean(CustomerWebhooks.class).directory();
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.accountStatus(tenant.accountId) == status);
    }

    private double count(String name, String tag, String value) {
        Counter counter = env.context().getBean(MeterRegistry.class).find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
