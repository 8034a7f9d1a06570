package io.switchboard.projector.state;

import static io.switchboard.projector.state.Facts.ACCEPTED;
import static io.switchboard.projector.state.Facts.MESSAGE_ID;
import static io.switchboard.projector.state.Facts.UNDELIVERABLE;
import static io.switchboard.projector.state.Facts.WAMID;
import static io.switchboard.projector.state.Facts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusStateMachineTest {

    private final StatusStateMachine machine = new StatusStateMachine();

    /** Every (current status, incoming status, source) and whether the status moves. */
    static Stream<Arguments> transitionTable() {
        String w = FactSource.WHATSAPP;
        String d = FactSource.DISPATCHER;
        return Stream.of(
                Arguments.of(MessageState.QUEUED, FactKind.SENT, d, MessageState.SENT),
                Arguments.of(MessageState.QUEUED, FactKind.SENT, w, MessageState.SENT),
                Arguments.of(MessageState.QUEUED, FactKind.DELIVERED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.QUEUED, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.QUEUED, FactKind.FAILED, d, MessageState.FAILED),
                Arguments.of(MessageState.QUEUED, FactKind.EXPIRED, d, MessageState.EXPIRED),
                Arguments.of(MessageState.SENT, FactKind.SENT, w, MessageState.SENT),
                Arguments.of(MessageState.SENT, FactKind.DELIVERED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.SENT, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.SENT, FactKind.FAILED, w, MessageState.FAILED),
                Arguments.of(MessageState.SENT, FactKind.EXPIRED, d, MessageState.EXPIRED),
                Arguments.of(MessageState.DELIVERED, FactKind.SENT, w, MessageState.DELIVERED),
                Arguments.of(MessageState.DELIVERED, FactKind.DELIVERED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.DELIVERED, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.DELIVERED, FactKind.FAILED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.DELIVERED, FactKind.EXPIRED, d, MessageState.DELIVERED),
                Arguments.of(MessageState.READ, FactKind.SENT, d, MessageState.READ),
                Arguments.of(MessageState.READ, FactKind.DELIVERED, w, MessageState.READ),
                Arguments.of(MessageState.READ, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.READ, FactKind.FAILED, w, MessageState.READ),
                Arguments.of(MessageState.READ, FactKind.EXPIRED, d, MessageState.READ),
                Arguments.of(MessageState.FAILED, FactKind.SENT, w, MessageState.FAILED),
                Arguments.of(MessageState.FAILED, FactKind.SENT, d, MessageState.FAILED),
                Arguments.of(MessageState.FAILED, FactKind.DELIVERED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.FAILED, FactKind.DELIVERED, d, MessageState.FAILED),
                Arguments.of(MessageState.FAILED, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.FAILED, FactKind.FAILED, w, MessageState.FAILED),
                Arguments.of(MessageState.FAILED, FactKind.EXPIRED, d, MessageState.FAILED),
                Arguments.of(MessageState.EXPIRED, FactKind.SENT, w, MessageState.EXPIRED),
                Arguments.of(MessageState.EXPIRED, FactKind.DELIVERED, w, MessageState.DELIVERED),
                Arguments.of(MessageState.EXPIRED, FactKind.READ, w, MessageState.READ),
                Arguments.of(MessageState.EXPIRED, FactKind.FAILED, d, MessageState.EXPIRED),
                Arguments.of(MessageState.EXPIRED, FactKind.EXPIRED, d, MessageState.EXPIRED));
    }

    @ParameterizedTest(name = "{0} + {1} from {2} -> {3}")
    @MethodSource("transitionTable")
    void statusMovesOnlyAsTheTableSays(MessageState current, FactKind incoming, String source, MessageState expected) {
        MessageStatus before = inState(current);
        StatusFact fact = StatusFact.of(MESSAGE_ID, incoming, at(100), source).withWamid(WAMID)
                .withError(StatusStateMachine.isTerminal(incoming.state()) ? UNDELIVERABLE : null);

        Optional<MessageStatus> after = machine.apply(before, fact);

        if (expected == current) {
            assertThat(after).as("a fact that does not move the status changes nothing").isEmpty();
        } else {
            assertThat(after).get().extracting(MessageStatus::getStatus).isEqualTo(expected);
            StatusTransition last = lastOf(after.get());
            assertThat(last.getStatus()).isEqualTo(expected);
            assertThat(last.getAt()).isEqualTo(at(100));
            assertThat(last.getSource()).isEqualTo(source);
            assertThat(after.get().getUpdatedAt()).isEqualTo(at(100));
        }
    }

    @Test
    void queuedSentDeliveredReadBuildsTheWholeTimeline() {
        MessageStatus status = applyAll(Facts.queued(), Facts.dispatcherSent(),
                Facts.whatsapp(FactKind.DELIVERED, 5), Facts.whatsapp(FactKind.READ, 60));

        assertThat(status.getStatus()).isEqualTo(MessageState.READ);
        assertThat(status.getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED, MessageState.READ);
        assertThat(status.getTimeline()).extracting(StatusTransition::getAt)
                .containsExactly(ACCEPTED, at(1), at(5), at(60));
        assertThat(status.getTimeline()).extracting(StatusTransition::getSource)
                .containsExactly("api", "dispatcher", "whatsapp", "whatsapp");
        assertThat(status.getWamid()).isEqualTo(WAMID);
        assertThat(status.getAttempts()).isEqualTo(1);
        assertThat(status.getUpdatedAt()).isEqualTo(at(60));
        assertThat(status.getError()).isNull();
    }

    @Test
    void whatsAppsOwnTimestampIsKeptBesideOurTimeOfTheStatus() {
        StatusFact delivered = Facts.whatsapp(FactKind.DELIVERED, 6).withWhatsappAt(at(5));

        StatusTransition entry = lastOf(applyAll(Facts.queued(), Facts.dispatcherSent(), delivered));

        assertThat(entry.getAt()).isEqualTo(at(6));
        assertThat(entry.getWhatsappAt()).isEqualTo(at(5));
        assertThat(lastOf(applyAll(Facts.queued(), Facts.dispatcherSent())).getWhatsappAt()).isNull();
    }

    @Test
    void anEntryIsNeverEarlierThanThePreviousOne() {
        StatusFact sentLate = StatusFact.of(MESSAGE_ID, FactKind.SENT, ACCEPTED.plusMillis(2_259),
                FactSource.DISPATCHER).withWamid(WAMID);
        StatusFact deliveredOnAnotherClock = StatusFact.of(MESSAGE_ID, FactKind.DELIVERED, ACCEPTED.plusMillis(2_100),
                FactSource.WHATSAPP).withWhatsappAt(at(2));

        MessageStatus status = applyAll(Facts.queued(), sentLate, deliveredOnAnotherClock);

        assertThat(status.getTimeline()).extracting(StatusTransition::getAt)
                .containsExactly(ACCEPTED, ACCEPTED.plusMillis(2_259), ACCEPTED.plusMillis(2_259));
        assertThat(lastOf(status).getWhatsappAt()).isEqualTo(at(2));
    }

    @Test
    void queuedFactCarriesAllTheMetadata() {
        MessageStatus status = applyAll(Facts.queued());

        assertThat(status.getStatus()).isEqualTo(MessageState.QUEUED);
        assertThat(status.getAccountId()).isEqualTo("acct-1");
        assertThat(status.getPhoneNumberId()).isEqualTo("106540352242922");
        assertThat(status.getRecipient()).isEqualTo("+16505551234");
        assertThat(status.getKind()).isEqualTo(MessageKind.TEMPLATE);
        assertThat(status.getReference()).isEqualTo("order-7781");
        assertThat(status.getApiKeyId()).isEqualTo("key-42");
        assertThat(status.getAcceptedAt()).isEqualTo(ACCEPTED);
        assertThat(status.getTimeline()).hasSize(1);
    }

    @Test
    void readBeforeDeliveredKeepsReadAndIgnoresTheLateDelivered() {
        MessageStatus afterRead = applyAll(Facts.queued(), Facts.dispatcherSent(), Facts.whatsapp(FactKind.READ, 60));

        assertThat(machine.apply(afterRead, Facts.whatsapp(FactKind.DELIVERED, 5))).isEmpty();
        assertThat(afterRead.getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.READ);
    }

    @Test
    void failedThenDeliveredFromWhatsAppWinsAndKeepsTheFailureInTheTimeline() {
        MessageStatus status = applyAll(Facts.queued(), Facts.dispatcherSent(), Facts.whatsapp(FactKind.FAILED, 4),
                Facts.whatsapp(FactKind.DELIVERED, 9));

        assertThat(status.getStatus()).isEqualTo(MessageState.DELIVERED);
        assertThat(status.getError()).as("the top-level error describes the current status").isNull();
        StatusTransition failure = status.getTimeline().get(2);
        assertThat(failure.getStatus()).isEqualTo(MessageState.FAILED);
        assertThat(failure.getError().getCode()).isEqualTo(131026);
        assertThat(failure.getError().getTitle()).isEqualTo("Message undeliverable");
        assertThat(failure.getAt()).isEqualTo(at(4));
    }

    @Test
    void failureKeepsWhatsAppsCodeAndText() {
        MessageStatus status = applyAll(Facts.queued(), Facts.dispatcherFailed());

        assertThat(status.getStatus()).isEqualTo(MessageState.FAILED);
        assertThat(status.getError()).isEqualTo(UNDELIVERABLE);
        assertThat(lastOf(status).getError()).isEqualTo(UNDELIVERABLE);
        assertThat(lastOf(status).getSource()).isEqualTo("dispatcher");
    }

    @Test
    void statusBeforeQueuedAppliesAndQueuedFillsMetadataWithoutGoingBack() {
        MessageStatus status = applyAll(Facts.whatsapp(FactKind.DELIVERED, 5), Facts.queued());

        assertThat(status.getStatus()).isEqualTo(MessageState.DELIVERED);
        assertThat(status.getAccountId()).isEqualTo("acct-1");
        assertThat(status.getAcceptedAt()).isEqualTo(ACCEPTED);
        assertThat(status.getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.DELIVERED);
        assertThat(status.getUpdatedAt()).isEqualTo(at(5));
    }

    @Test
    void attemptsCountWithoutMovingTheStatus() {
        MessageStatus status = applyAll(Facts.attempt(1), Facts.queued(), Facts.attempt(3), Facts.attempt(2));

        assertThat(status.getStatus()).isEqualTo(MessageState.QUEUED);
        assertThat(status.getAttempts()).isEqualTo(3);
        assertThat(status.getTimeline()).extracting(StatusTransition::getStatus).containsExactly(MessageState.QUEUED);
    }

    @Test
    void lateDispatcherSentAfterWhatsAppSentStillRecordsTheWamid() {
        StatusFact whatsappSentWithoutWamid = StatusFact.of(MESSAGE_ID, FactKind.SENT, at(2), FactSource.WHATSAPP);
        MessageStatus status = applyAll(Facts.queued(), whatsappSentWithoutWamid);

        MessageStatus after = machine.apply(status, Facts.dispatcherSent()).orElseThrow();

        assertThat(after.getStatus()).isEqualTo(MessageState.SENT);
        assertThat(after.getWamid()).isEqualTo(WAMID);
        assertThat(after.getTimeline()).hasSize(2);
    }

    @Test
    void expiredIsTerminalForTheDispatcherButNotForWhatsAppsRead() {
        MessageStatus expired = applyAll(Facts.queued(), Facts.expired());
        assertThat(expired.getStatus()).isEqualTo(MessageState.EXPIRED);
        assertThat(machine.apply(expired, Facts.dispatcherSent()).map(MessageStatus::getStatus))
                .as("the dispatcher's sent fills the wamid only").contains(MessageState.EXPIRED);
        assertThat(machine.apply(expired, Facts.whatsapp(FactKind.READ, 7200)).map(MessageStatus::getStatus))
                .contains(MessageState.READ);
    }

    @Test
    void timelineIsCappedKeepingTheAcceptanceAndTheNewest() {
        MessageStatus status = applyAll(Facts.queued());
        List<StatusTransition> long_ = new ArrayList<>(status.getTimeline());
        for (int i = 0; i < 60; i++) {
            long_.add(StatusTransition.newBuilder().setStatus(MessageState.SENT).setAt(at(i)).setSource("dispatcher")
                    .build());
        }
        status.setTimeline(long_);

        MessageStatus after = machine.apply(status, Facts.whatsapp(FactKind.READ, 999)).orElseThrow();

        assertThat(after.getTimeline()).hasSize(StatusStateMachine.TIMELINE_LIMIT);
        assertThat(after.getTimeline().get(0).getStatus()).isEqualTo(MessageState.QUEUED);
        assertThat(lastOf(after).getStatus()).isEqualTo(MessageState.READ);
    }

    private MessageStatus applyAll(StatusFact... facts) {
        MessageStatus status = null;
        for (StatusFact fact : facts) {
            status = machine.apply(status, fact).orElse(status);
        }
        return status;
    }

    private MessageStatus inState(MessageState state) {
        MessageStatus status = applyAll(Facts.queued());
        status.setStatus(state);
        status.setWamid(WAMID);
        return status;
    }

    private static StatusTransition lastOf(MessageStatus status) {
        return status.getTimeline().get(status.getTimeline().size() - 1);
    }
}
