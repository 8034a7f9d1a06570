package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Halts against the real simulator: a number-level cause (133010, not registered) stops only that number, an
 * account-level cause (190, token expired) stops every number of the account; in both cases queued messages wait
 * (and still expire on time), health and the admin API say why, and an operator's clear sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HaltEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DeliveryRig rig;

    @BeforeAll
    void start() {
        rig = DeliveryRig.shared();
    }

    @Test
    void aNumberHaltHoldsOnlyThatNumbersMessagesUntilClearedWhileTheirExpiryStillApplies() {
        String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        String halted = "109000000000021";
        String sibling = "109000000000022";
        rig.simulator.putFaults("""
                {"errors":[{"code":133010,"count":1,"phone_number_id":"109000000000021"}]}""");
        SendCommand first = DeliveryRig.text(account, halted, "+447700900201", "Your code is 5521", null);
        rig.send(List.of(first));
        await().atMost(WAIT).until(() -> rig.events.has(first.getMessageId(), MessageEventType.ATTEMPT));

        List<SendCommand> waiting = List.of(DeliveryRig.text(account, halted, "+447700900202", "Hello", null),
                DeliveryRig.text(account, halted, "+447700900203", "Welcome", null));
        SendCommand expiring = DeliveryRig.text(account, halted, "+447700900204", "Sale ends soon",
                Instant.now().plusMillis(1_500));
        SendCommand flowing = DeliveryRig.text(account, sibling, "+447700900205", "Hi from the other number", null);
        rig.send(List.of(waiting.get(0), waiting.get(1), expiring, flowing));

        await().atMost(WAIT).until(() -> rig.events.has(flowing.getMessageId(), MessageEventType.SENT));
        await().atMost(WAIT).until(() -> rig.events.has(expiring.getMessageId(), MessageEventType.EXPIRED));
        assertThat(rig.simulator.numberStats(halted).path("accepted").asLong(0)).isZero();
        assertThat(waiting).allSatisfy(c -> assertThat(rig.events.terminal(c.getMessageId())).isNull());
        assertThat(DeliveryRig.admin(rig.dispatcher(), "GET", "/health").body()).contains(halted).contains("133010");
        assertThat(DeliveryRig.admin(rig.dispatcher(), "GET", "/admin/halts").body()).contains(halted);

        assertThat(DeliveryRig.admin(rig.dispatcher(), "POST", "/admin/halts/" + halted + "/clear").statusCode())
                .isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(List.of(first, waiting.get(0), waiting.get(1)))
                .allSatisfy(c -> assertThat(rig.events.has(c.getMessageId(), MessageEventType.SENT)).isTrue()));
        assertThat(rig.simulator.acceptedByMessageId(2_000)).doesNotContainKey(expiring.getMessageId());
    }

    @Test
    void anExpiredTokenHaltsEveryNumberOfTheAccountUntilTheAccountIsCleared() {
        String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        String failing = "109000000000031";
        String sibling = "109000000000032";
        String otherAccounts = "109000000000033";
        rig.simulator.putFaults("""
                {"errors":[{"code":190,"count":1,"phone_number_id":"109000000000031"}]}""");
        SendCommand first = DeliveryRig.text(account, failing, "+447700900301", "Your code is 7702", null);
        rig.send(List.of(first));
        await().atMost(WAIT).until(() -> rig.events.has(first.getMessageId(), MessageEventType.ATTEMPT));
        MessageEvent halt = rig.events.of(first.getMessageId()).get(0);
        assertThat(halt.getError().getCode()).isEqualTo(190);
        assertThat(halt.getError().getReason()).isEqualTo("HALT");

        List<SendCommand> waiting = List.of(DeliveryRig.text(account, sibling, "+447700900302", "Hello", null),
                DeliveryRig.text(account, failing, "+447700900303", "Welcome", null));
        SendCommand elsewhere = DeliveryRig.text("acc_other", otherAccounts, "+447700900304", "Hi", null);
        rig.send(List.of(waiting.get(0), waiting.get(1), elsewhere));

        await().atMost(WAIT).until(() -> rig.events.has(elsewhere.getMessageId(), MessageEventType.SENT));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                rig.simulator.numberStats(sibling).path("accepted").asLong(0) == 0
                        && rig.simulator.numberStats(failing).path("accepted").asLong(0) == 0);
        assertThat(DeliveryRig.admin(rig.dispatcher(), "GET", "/health").body()).contains("haltedAccounts")
                .contains(account).contains("190");
        HttpResponse<String> halts = DeliveryRig.admin(rig.dispatcher(), "GET", "/admin/halts");
        assertThat(halts.body()).contains("account_halts").contains(account);

        assertThat(DeliveryRig.admin(rig.dispatcher(), "POST", "/admin/halts/accounts/" + account + "/clear")
                .statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(List.of(first, waiting.get(0), waiting.get(1)))
                .allSatisfy(c -> assertThat(rig.events.has(c.getMessageId(), MessageEventType.SENT)).isTrue()));
        assertThat(rig.simulator.refused(failing, 190)).isEqualTo(1);
    }
}
