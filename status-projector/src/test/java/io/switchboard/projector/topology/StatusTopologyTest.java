package io.switchboard.projector.topology;

import static io.switchboard.projector.topology.Records.T0;
import static io.switchboard.projector.topology.Records.at;
import static io.switchboard.projector.topology.Records.event;
import static io.switchboard.projector.topology.Records.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.Comparator;
import java.util.UUID;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology's behaviour, message by message, on TopologyTestDriver with the service's RocksDB stores. */
class StatusTopologyTest {

    private TopologyFixture t;
    private String messageId;
    private String wamid;

    @BeforeEach
    void startDriver() {
        t = new TopologyFixture(Stores::persistentKeyValueStore);
        messageId = UUID.randomUUID().toString();
        wamid = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    @AfterEach
    void closeDriver() {
        t.close();
    }

    @Test
    void queuedSentDeliveredReadEachEmitAStatusAndBuildTheTimeline() {
        t.accept(messageId);
        t.sent(messageId, wamid);
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
        t.status(status(wamid, WhatsAppStatus.READ, 60));

        assertThat(t.output.readValuesToList()).extracting(MessageStatus::getStatus).containsExactly(
                MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED, MessageState.READ);
        MessageStatus status = t.store.get(messageId);
        assertThat(status.getStatus()).isEqualTo(MessageState.READ);
        assertThat(status.getWamid()).isEqualTo(wamid);
        assertThat(status.getAccountId()).isEqualTo("acct-7f3a");
        assertThat(status.getKind()).isEqualTo(MessageKind.TEXT);
        assertThat(status.getReference()).isEqualTo("order-7781");
        assertThat(status.getApiKeyId()).isEqualTo("key-42");
        assertThat(status.getAttempts()).isEqualTo(1);
        assertThat(status.getUpdatedAt()).isEqualTo(at(61));
        assertThat(status.getTimeline()).extracting(StatusTransition::getAt)
                .as("acceptance, dispatcher time, then when webhook-ingest received WhatsApp's statuses")
                .containsExactly(T0, at(1), at(6), at(61));
        assertThat(status.getTimeline()).extracting(StatusTransition::getWhatsappAt)
                .as("WhatsApp's own timestamps beside ours").containsExactly(null, null, at(5), at(60));
        assertThat(status.getTimeline()).extracting(StatusTransition::getSource)
                .containsExactly("api", "dispatcher", "whatsapp", "whatsapp");
    }

    @Test
    void theTimelineIsInOrderWithWhatsAppsWholeSecondTimestampsBesideOurs() {
        t.accept(messageId);
        MessageEvent sent = Records.sent(messageId, wamid);
        sent.setOccurredAt(T0.plusMillis(57_259));
        t.events.pipeInput(messageId, sent);
        StatusUpdate delivered = status(wamid, WhatsAppStatus.DELIVERED, 57);
        delivered.setReceivedAt(T0.plusMillis(57_612));
        t.status(delivered);

        MessageStatus status = t.store.get(messageId);
        assertThat(status.getTimeline()).extracting(StatusTransition::getAt)
                .as("WhatsApp stamps delivered 57.000 (whole seconds), after our sent at 57.259")
                .containsExactly(T0, T0.plusMillis(57_259), T0.plusMillis(57_612))
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(status.getTimeline().get(2).getWhatsappAt()).isEqualTo(at(57));
        assertThat(status.getUpdatedAt()).isEqualTo(T0.plusMillis(57_612));
    }

    @Test
    void aStatusLearntEarlierOnAnotherClockThanThePreviousEntryTakesThePreviousEntrysTime() {
        t.accept(messageId);
        MessageEvent sent = Records.sent(messageId, wamid);
        sent.setOccurredAt(T0.plusMillis(57_259));
        t.events.pipeInput(messageId, sent);
        StatusUpdate delivered = status(wamid, WhatsAppStatus.DELIVERED, 57);
        delivered.setReceivedAt(T0.plusMillis(57_100));
        t.status(delivered);

        assertThat(t.store.get(messageId).getTimeline()).extracting(StatusTransition::getAt)
                .containsExactly(T0, T0.plusMillis(57_259), T0.plusMillis(57_259));
        assertThat(t.store.get(messageId).getTimeline().get(2).getWhatsappAt()).isEqualTo(at(57));
    }

    @Test
    void readBeforeDeliveredKeepsReadAndTheLateDeliveredEmitsNothing() {
        t.accept(messageId);
        t.sent(messageId, wamid);
        t.status(status(wamid, WhatsAppStatus.READ, 60));
        t.output.readValuesToList();

        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));

        assertThat(t.output.isEmpty()).isTrue();
        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.READ);
        assertThat(t.store.get(messageId).getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.READ);
    }

    @Test
    void duplicatesChangeNothing() {
        t.accept(messageId);
        t.accept(messageId);
        t.sent(messageId, wamid);
        t.sent(messageId, wamid);
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
        t.status(status(wamid, WhatsAppStatus.SENT, 2, messageId));

        assertThat(t.output.readValuesToList()).extracting(MessageStatus::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED);
        assertThat(t.store.get(messageId).getTimeline()).hasSize(3);
    }

    @Test
    void failedThenDeliveredFromWhatsAppWins() {
        t.accept(messageId);
        t.sent(messageId, wamid);
        t.status(status(wamid, WhatsAppStatus.FAILED, 4));
        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.FAILED);
        assertThat(t.store.get(messageId).getError().getCode()).isEqualTo(131026);

        t.status(status(wamid, WhatsAppStatus.DELIVERED, 9, messageId));

        MessageStatus status = t.store.get(messageId);
        assertThat(status.getStatus()).isEqualTo(MessageState.DELIVERED);
        assertThat(status.getError()).isNull();
        StatusTransition failure = status.getTimeline().get(2);
        assertThat(failure.getStatus()).isEqualTo(MessageState.FAILED);
        assertThat(failure.getAt()).isEqualTo(at(5));
        assertThat(failure.getWhatsappAt()).isEqualTo(at(4));
        assertThat(failure.getSource()).isEqualTo("whatsapp");
        assertThat(failure.getError().getCode()).isEqualTo(131026);
        assertThat(failure.getError().getTitle()).isEqualTo("Message undeliverable");
    }

    @Test
    void dispatcherFailureKeepsTheErrorAndCountsAttempts() {
        t.accept(messageId);
        t.events.pipeInput(messageId, event(messageId, MessageEventType.ATTEMPT, 1, null, null));
        MessageEvent failed = event(messageId, MessageEventType.FAILED, 2, null, Records.UNDELIVERABLE);
        failed.setAttempt(3);
        t.events.pipeInput(messageId, failed);

        MessageStatus status = t.store.get(messageId);
        assertThat(status.getStatus()).isEqualTo(MessageState.FAILED);
        assertThat(status.getAttempts()).isEqualTo(3);
        assertThat(status.getError().getCode()).isEqualTo(131026);
        assertThat(status.getTimeline().get(1).getSource()).isEqualTo("dispatcher");
        assertThat(status.getTimeline().get(1).getAt()).isEqualTo(at(2));
    }

    @Test
    void statusBeforeTheSendResultIsHeldThenReleased() {
        t.accept(messageId);
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
        t.status(status(wamid, WhatsAppStatus.READ, 6));

        assertThat(t.output.readValuesToList()).extracting(MessageStatus::getStatus)
                .containsExactly(MessageState.QUEUED);
        assertThat(t.heldCount()).isEqualTo(2);

        t.sent(messageId, wamid);

        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.READ);
        assertThat(t.store.get(messageId).getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED, MessageState.READ);
        assertThat(t.heldCount()).isZero();
        assertThat(t.wamidIndex.get(wamid)).isEqualTo(messageId);
    }

    @Test
    void heldStatusesOfOneWamidAreNotReleasedByAnotherWamidSharingItsPrefix() {
        String longer = wamid + "A";
        t.status(status(longer, WhatsAppStatus.DELIVERED, 5));

        t.sent(messageId, wamid);

        assertThat(t.heldCount()).isEqualTo(1);
        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.SENT);
    }

    @Test
    void statusWithCallbackDataIsResolvedWithoutTheIndexAndTeachesIt() {
        t.accept(messageId);
        t.status(status(wamid, WhatsAppStatus.SENT, 2, messageId));

        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.SENT);
        assertThat(t.store.get(messageId).getWamid()).isEqualTo(wamid);
        assertThat(t.wamidIndex.get(wamid)).isEqualTo(messageId);

        t.status(status(wamid, WhatsAppStatus.FAILED, 3));

        assertThat(t.store.get(messageId).getStatus()).as("a failure without callback data, resolved by the index")
                .isEqualTo(MessageState.FAILED);
        assertThat(t.heldCount()).isZero();
    }

    @Test
    void playedDeletedAndUnknownStatusesChangeNothingAndAreNotHeld() {
        t.accept(messageId);
        t.sent(messageId, wamid);
        t.output.readValuesToList();

        t.status(status(wamid, WhatsAppStatus.PLAYED, 70, messageId));
        t.status(status(wamid, WhatsAppStatus.DELETED, 80));
        t.status(status("wamid.unknown", WhatsAppStatus.UNKNOWN, 90));

        assertThat(t.output.isEmpty()).isTrue();
        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.SENT);
        assertThat(t.heldCount()).isZero();
    }

    @Test
    void statusHeldLongerThanTheRetentionIsPurged() {
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
        assertThat(t.heldCount()).isEqualTo(1);

        t.driver.advanceWallClockTime(TopologyFixture.HELD_RETENTION.plusHours(2));
        t.sent(messageId, wamid);

        assertThat(t.heldCount()).isZero();
        assertThat(t.store.get(messageId).getStatus()).isEqualTo(MessageState.SENT);
    }

    @Test
    void factsBeforeTheSendCommandApplyAndTheCommandFillsTheMetadata() {
        t.sent(messageId, wamid);
        t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));

        t.accept(messageId);

        MessageStatus status = t.store.get(messageId);
        assertThat(status.getStatus()).isEqualTo(MessageState.DELIVERED);
        assertThat(status.getAccountId()).isEqualTo("acct-7f3a");
        assertThat(status.getAcceptedAt()).isEqualTo(T0);
        assertThat(status.getTimeline()).extracting(StatusTransition::getStatus)
                .containsExactly(MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED);
    }
}
