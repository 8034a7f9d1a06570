package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each class of Cloud API error, injected at run time into the real simulator (its {@code /_sim/faults} plan), as
 * the real dispatcher meets it over HTTP, with a real broker, registry and Redis. Every test uses its own business
 * numbers and recipients, so the simulator's per-number counters tell its story alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryFaultsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "acc_e2e_faults";

    private DeliveryRig rig;

    @BeforeAll
    void start() {
        rig = DeliveryRig.shared();
    }

    @Test
    void transientErrorsAreRetriedWithBackoffAndThenSentOnce() {
        String number = "109000000000001";
        rig.simulator.putFaults("""
                {"errors":[{"code":131000,"count":2,"recipient":"+447700900101"},
                           {"code":2,"count":2,"recipient":"+447700900102"}]}""");
        SendCommand unknownFailure = text(number, "+447700900101", "Your order has shipped");
        SendCommand serviceDown = text(number, "+447700900102", "Your order has shipped");

        rig.send(List.of(unknownFailure, serviceDown));

        await().atMost(WAIT).until(() -> rig.events.terminalCount(ids(unknownFailure, serviceDown)) == 2);
        for (SendCommand command : List.of(unknownFailure, serviceDown)) {
            MessageEvent sent = rig.events.terminal(command.getMessageId());
            assertThat(sent.getType()).isEqualTo(MessageEventType.SENT);
            assertThat(sent.getAttempt()).isEqualTo(3);
            assertThat(sent.getWamid()).startsWith("wamid.");
            assertThat(rig.events.of(command.getMessageId())).filteredOn(e -> e.getType() == MessageEventType.ATTEMPT)
                    .hasSize(2).allSatisfy(e -> assertThat(e.getError().getReason()).isEqualTo("TRANSIENT"));
        }
        assertThat(rig.simulator.refused(number, 131000)).isEqualTo(2);
        assertThat(rig.simulator.refused(number, 2)).isEqualTo(2);
        assertThat(rig.simulator.acceptedByMessageId(2_000))
                .containsEntry(unknownFailure.getMessageId(), 1).containsEntry(serviceDown.getMessageId(), 1);
    }

    @Test
    void aSendWhoseAnswerNeverComesIsInDoubtAndNotSentAgain() {
        String number = "109000000000002";
        rig.simulator.putFaults("""
                {"timeouts":{"count":1,"hold_ms":4000,"phone_number_id":"109000000000002"}}""");
        double inDoubtBefore = rig.dispatcher().counter("dispatcher.in.doubt");
        SendCommand held = text(number, "+447700900103", "Your appointment is at 10:30");

        rig.send(List.of(held));

        await().atMost(WAIT).until(() -> rig.events.has(held.getMessageId(), MessageEventType.ATTEMPT));
        assertThat(rig.events.of(held.getMessageId())).singleElement().satisfies(e ->
                assertThat(e.getError().getReason()).isEqualTo("TIMEOUT_AFTER_WRITE"));
        assertThat(rig.dispatcher().counter("dispatcher.in.doubt")).isEqualTo(inDoubtBefore + 1);
        // The simulator accepted it (its webhooks would tell the status); the dispatcher never sends it again.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                rig.simulator.acceptedByMessageId(2_000).getOrDefault(held.getMessageId(), 0) == 1);
        assertThat(rig.events.terminal(held.getMessageId())).isNull();
    }

    @Test
    void exhaustedRetriesFailTheMessageAndDeadLetterItWithEveryAttempt() {
        String number = "109000000000003";
        rig.simulator.putFaults("""
                {"errors":[{"code":131016,"count":50,"phone_number_id":"109000000000003"}]}""");
        SendCommand doomed = text(number, "+447700900104", "Your invoice is ready");

        rig.send(List.of(doomed));

        await().atMost(WAIT).until(() -> rig.events.terminal(doomed.getMessageId()) != null
                && rig.events.deadLetter(doomed.getMessageId()) != null);
        MessageEvent failed = rig.events.terminal(doomed.getMessageId());
        assertThat(failed.getType()).isEqualTo(MessageEventType.FAILED);
        assertThat(failed.getError().getCode()).isEqualTo(131016);
        assertThat(failed.getError().getReason()).isEqualTo("RETRIES_EXHAUSTED");
        DeadLetter letter = rig.events.deadLetter(doomed.getMessageId());
        assertThat(letter.getAttempts()).hasSize(6).extracting(AttemptRecord::getAttempt).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(letter.getAttempts()).allSatisfy(a -> assertThat(a.getError().getCode()).isEqualTo(131016));
        assertThat(rig.simulator.refused(number, 131016)).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0} fails at once")
    @CsvSource({"131026, 109000000000011", "131049, 109000000000012", "100, 109000000000013",
            "131047, 109000000000014"})
    void aPermanentRefusalFailsTheMessageWithWhatsAppsCodeAndTextWithoutRetrying(int code, String number) {
        // 131047 (outside the 24-hour window) is injected as WhatsApp answers it; the rig runs the window check off.
        rig.simulator.putFaults("{\"errors\":[{\"code\":" + code + ",\"count\":5,\"phone_number_id\":\"" + number
                + "\"}]}");
        SendCommand refused = text(number, "+447700900105", "We miss you! Here is 10% off");

        rig.send(List.of(refused));

        await().atMost(WAIT).until(() -> rig.events.terminal(refused.getMessageId()) != null);
        assertThat(rig.events.of(refused.getMessageId())).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(MessageEventType.FAILED);
            assertThat(e.getAttempt()).isEqualTo(1);
            assertThat(e.getError().getCode()).isEqualTo(code);
            assertThat(e.getError().getReason()).isEqualTo("PERMANENT");
            assertThat(e.getError().getTitle()).isNotBlank().doesNotStartWith("(#");
        });
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() ->
                rig.simulator.refused(number, code) == 1);
    }

    @Test
    void aSendCommandPastItsExpiryIsExpiredAndNeverSent() {
        String number = "109000000000004";
        rig.simulator.resetFaults();
        SendCommand late = DeliveryRig.text(ACCOUNT, number, "+447700900106", "Flash sale ends at noon",
                Instant.now().minusSeconds(5));

        rig.send(List.of(late));

        await().atMost(WAIT).until(() -> rig.events.terminal(late.getMessageId()) != null);
        assertThat(rig.events.terminal(late.getMessageId()).getType()).isEqualTo(MessageEventType.EXPIRED);
        assertThat(rig.simulator.numberStats(number).path("accepted").asLong(0)).isZero();
    }

    static SendCommand text(String number, String recipient, String body) {
        return DeliveryRig.text(ACCOUNT, number, recipient, body, null);
    }

    static List<String> ids(SendCommand... commands) {
        return java.util.Arrays.stream(commands).map(SendCommand::getMessageId).toList();
    }
}
