package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import io.switchboard.projector.state.StatusStateMachine;
import io.switchboard.schemas.avro.MessageStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of a message's status: applies each fact (keyed by message id) to the message store with the
 * {@link StatusStateMachine} and forwards the new status only when the fact changed something, so duplicates and
 * stale statuses produce no output. Every status it stores is also handed to {@link RecentStatuses}, the queries'
 * lock-free view, which forgets the partition when this processor's task closes.
 */
final class ApplyFactProcessor implements Processor<String, MessageStatus, String, MessageStatus> {

    private final StatusStateMachine stateMachine = new StatusStateMachine();
    private final RecentStatuses recent;
    private ProcessorContext<String, MessageStatus> context;
    private KeyValueStore<String, MessageStatus> store;
    private int partition;

    ApplyFactProcessor(RecentStatuses recent) {
        this.recent = recent;
    }

    @Override
    public void init(ProcessorContext<String, MessageStatus> context) {
        this.context = context;
        this.store = context.getStateStore(StatusTopology.MESSAGE_STORE);
        this.partition = context.taskId().partition();
        recent.forget(partition);
    }

    @Override
    public void process(Record<String, MessageStatus> record) {
        if (record.value() == null) {
            return;
        }
        StatusFact fact = FactCodec.decode(record.value());
        String messageId = fact.messageId();
        stateMachine.apply(store.get(messageId), fact).ifPresent(next -> {
            store.put(messageId, next);
            recent.written(partition, messageId, next);
            context.forward(record.withKey(messageId).withValue(next));
        });
    }

    @Override
    public void close() {
        recent.forget(partition);
    }
}
