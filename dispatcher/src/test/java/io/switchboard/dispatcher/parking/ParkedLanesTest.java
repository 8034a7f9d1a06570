package io.switchboard.dispatcher.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.dispatcher.DeliveryAbandonedException;
import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.ParkReason;
import io.switchboard.schemas.avro.RetryCommand;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The parked lanes without Kafka: only a lane's head is delivered, when it is due, and the next one once it
 * finished; other lanes do not wait; a key counts as parked from the moment its copy is written until its delivery
 * finished; beyond the memory bound records are only counted and read again once memory frees; an expired record
 * is delivered at once wherever it is; a released partition is forgotten.
 */
class ParkedLanesTest {

    private static final String NUMBER = "106540352242922";
    private static final int PARTITION = 2;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<RetryCommand> started = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> deliveries = new ConcurrentHashMap<>();
    private final PartitionOffsets offsets = new PartitionOffsets(
            new TopicPartition(Topics.SEND_COMMANDS_RETRY.name(), PARTITION));
    private long nextOffset;

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private ParkedLanes lanes(int maxInMemory) {
        ParkedLanes lanes = new ParkedLanes(maxInMemory, (record, tracker) -> {
            started.add(record);
            CompletableFuture<Void> delivery = new CompletableFuture<>();
            deliveries.put(record.getCommand().getMessageId(), delivery);
            return delivery;
        }, timers, Runnable::run, Clock.systemUTC());
        lanes.assigned(PARTITION);
        return lanes;
    }

    @Test
    void onlyTheHeadOfALaneIsDeliveredAndTheNextOneAfterItFinishedWhileOtherLanesGoOn() {
        ParkedLanes lanes = lanes(100);
        RetryCommand a1 = parked("+919876543210", Instant.now());
        RetryCommand a2 = parked("+919876543210", Instant.now());
        RetryCommand b1 = parked("+919876543211", Instant.now());

        read(lanes, a1);
        read(lanes, a2);
        read(lanes, b1);

        assertThat(started).containsExactly(a1, b1);
        assertThat(lanes.holds(PARTITION, key(a1))).isTrue();
        finish(a1);
        assertThat(started).containsExactly(a1, b1, a2);
        finish(a2);
        finish(b1);
        assertThat(lanes.holds(PARTITION, key(a1))).isFalse();
        assertThat(lanes.inMemory()).isZero();
        assertThat(offsets.committable()).hasValue(nextOffset);
    }

    @Test
    void aHeadIsDeliveredWhenItIsDue() {
        ParkedLanes lanes = lanes(100);
        RetryCommand later = parked("+919876543212", Instant.now().plusSeconds(2));

        read(lanes, later);

        assertThat(started).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.contains(later));
    }

    @Test
    void aKeyIsParkedFromTheWriteOnAndItsReadBackCopyIsNotCountedTwice() {
        ParkedLanes lanes = lanes(100);
        RetryCommand mine = parked("+919876543213", Instant.now());

        lanes.parking(PARTITION, key(mine), mine.getParkId());
        assertThat(lanes.holds(PARTITION, key(mine))).as("in transit").isTrue();
        read(lanes, mine);
        finish(mine);

        assertThat(lanes.holds(PARTITION, key(mine))).isFalse();
        assertThat(lanes.known()).isZero();
    }

    @Test
    void beyondTheMemoryBoundRecordsAreOnlyCountedAndReadAgainOnceMemoryFrees() {
        ParkedLanes lanes = lanes(2);
        RetryCommand r1 = parked("+919876543220", Instant.now());
        RetryCommand r2 = parked("+919876543221", Instant.now());
        RetryCommand r3 = parked("+919876543222", Instant.now());
        RetryCommand r4 = parked("+919876543223", Instant.now());
        long thirdOffset = nextOffset + 2;

        List.of(r1, r2, r3, r4).forEach(r -> read(lanes, r));

        assertThat(lanes.inMemory()).isEqualTo(2);
        assertThat(lanes.known()).isEqualTo(4);
        assertThat(lanes.holds(PARTITION, key(r4))).as("unloaded, still parked").isTrue();
        assertThat(started).containsExactly(r1, r2);
        assertThat(lanes.takeSeeks()).isEmpty();

        finish(r1);
        finish(r2);
        assertThat(lanes.takeSeeks()).containsExactly(Map.entry(PARTITION, thirdOffset));
        lanes.accept(record(thirdOffset, r3), offsets);
        lanes.accept(record(thirdOffset + 1, r4), offsets);

        assertThat(started).containsExactly(r1, r2, r3, r4);
        finish(r3);
        finish(r4);
        assertThat(lanes.known()).isZero();
        assertThat(offsets.committable()).hasValue(thirdOffset + 2);
    }

    @Test
    void anExpiredRecordIsDeliveredAtOnceWhereverItIsInItsLane() {
        ParkedLanes lanes = lanes(100);
        RetryCommand head = parked("+919876543230", Instant.now().plusSeconds(60));
        RetryCommand expired = parked("+919876543230", Instant.now());

        read(lanes, head);
        read(lanes, expired);
        lanes.sweep(r -> r == expired, r -> false);

        assertThat(started).containsExactly(expired);
        finish(expired);
        assertThat(lanes.inMemory()).isEqualTo(1);
    }

    @Test
    void aReleasedPartitionIsForgottenAndItsAbandonedDeliveriesFinishNothing() {
        ParkedLanes lanes = lanes(100);
        RetryCommand busy = parked("+919876543240", Instant.now());
        RetryCommand waiting = parked("+919876543241", Instant.now().plusSeconds(60));
        read(lanes, busy);
        read(lanes, waiting);

        lanes.release(Set.of(PARTITION));
        deliveries.get(busy.getCommand().getMessageId())
                .completeExceptionally(new DeliveryAbandonedException(busy.getCommand().getMessageId()));

        assertThat(lanes.inMemory()).isZero();
        assertThat(lanes.known()).isZero();
        assertThat(lanes.holds(PARTITION, key(busy))).isFalse();
        assertThat(offsets.committable()).hasValue(0L);
    }

    private void read(ParkedLanes lanes, RetryCommand record) {
        lanes.accept(record(nextOffset++, record), offsets);
    }

    private static ConsumerRecord<String, RetryCommand> record(long offset, RetryCommand record) {
        return new ConsumerRecord<>(Topics.SEND_COMMANDS_RETRY.name(), PARTITION, offset, key(record), record);
    }

    private void finish(RetryCommand record) {
        deliveries.get(record.getCommand().getMessageId()).complete(null);
    }

    private static String key(RetryCommand record) {
        return Topics.sendCommandKey(record.getCommand().getPhoneNumberId(), record.getCommand().getRecipient());
    }

    private static RetryCommand parked(String recipient, Instant notBefore) {
        SendCommand command = SendCommand.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setAccountId("acc_7f3c2a").setPhoneNumberId(NUMBER).setRecipient(recipient)
                .setKind(MessageKind.TEXT).setText(TextContent.newBuilder().setBody("Your order has shipped").build())
                .setAcceptedAt(Instant.now()).build();
        return RetryCommand.newBuilder().setCommand(command).setNotBefore(notBefore).setReason(ParkReason.RETRY)
                .setParkId(UUID.randomUUID().toString()).build();
    }
}
