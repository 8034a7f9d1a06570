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
 * stale statuses produce no output.
 */
final class ApplyFactProcessor implements Processor<String, MessageStatus, String, MessageStatus> {

    private final StatusStateMachine stateMachine = new StatusStateMachine();
    private ProcessorContext<String, MessageStatus> context;
    private KeyValueStore<String, MessageStatus> store;

    @Override
    public void init(ProcessorContext<String, MessageStatus> context) {
        this.context = context;
        this.store = context.getStateStore(StatusTopology.MESSAGE_STORE);
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
            context.forward(record.withKey(messageId).withValue(next));
        });
    }
}
