package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import io.switchboard.projector.state.StatusStateMachine;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of a message's status: applies each fact (keyed by message id) to the message store with the
 * {@link StatusStateMachine} and forwards the new status only when the fact changed something, so duplicates and
 * stale statuses produce no output. Every status it stores is also handed to {@link RecentStatuses}, whose entries
 * are always the store's latest, so the current status is read from there first (a message's statuses usually come
 * close together) and from the store only when it is not held. The partition's view is dropped when this task opens
 * and when it closes. The change that makes a message's account known also indexes it ({@link OutboundIndex}), in
 * the same task and transaction as the status itself.
 */
final class ApplyFactProcessor implements Processor<String, StatusFact, String, MessageStatus> {

    private final StatusStateMachine stateMachine = new StatusStateMachine();
    private final RecentStatuses recent;
    private final StatusChanges changes;
    private ProcessorContext<String, MessageStatus> context;
    private KeyValueStore<String, MessageStatus> store;
    private OutboundIndex outbound;
    private int partition;

    ApplyFactProcessor(RecentStatuses recent, StatusChanges changes) {
        this.recent = recent;
        this.changes = changes;
    }

    @Override
    public void init(ProcessorContext<String, MessageStatus> context) {
        this.context = context;
        this.store = context.getStateStore(StatusTopology.MESSAGE_STORE);
        this.outbound = new OutboundIndex(context.getStateStore(StatusTopology.OUTBOUND_INDEX_STORE));
        this.partition = context.taskId().partition();
        recent.open(partition);
    }

    @Override
    public void process(Record<String, StatusFact> record) {
        StatusFact fact = record.value();
        if (fact == null) {
            return;
        }
        String messageId = fact.messageId();
        MessageStatus current = recent.get(partition, messageId);
        if (current == null) {
            current = store.get(messageId);
        }
        MessageStatus before = current;
        stateMachine.apply(current, fact).ifPresent(next -> {
            store.put(messageId, next);
            outbound.changed(before, next);
            reached(before, next);
            recent.written(partition, messageId, next);
            context.forward(record.withKey(messageId).withValue(next));
        });
    }

    /** Tells {@link StatusChanges} of each status the change added to the timeline (the acceptance included). */
    private void reached(MessageStatus before, MessageStatus next) {
        Map<MessageState, Integer> known = new EnumMap<>(MessageState.class);
        if (before != null) {
            before.getTimeline().forEach(t -> known.merge(t.getStatus(), 1, Integer::sum));
        }
        for (StatusTransition entry : next.getTimeline()) {
            if (known.merge(entry.getStatus(), -1, Integer::sum) < 0) {
                changes.movedTo(entry.getStatus());
            }
        }
    }

    @Override
    public void close() {
        recent.forget(partition);
    }
}
