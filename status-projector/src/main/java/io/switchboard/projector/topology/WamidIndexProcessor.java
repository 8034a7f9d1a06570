package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Feeds the wamid index from the dispatcher's send results ({@code wamid -> messageId}, repartitioned by wamid so
 * they meet the WhatsApp statuses of the same wamid in the same task) and releases the statuses that were held
 * waiting for them, as facts keyed by message id. The send result itself reaches the message store on its own path.
 */
final class WamidIndexProcessor implements Processor<String, String, String, StatusFact> {

    private ProcessorContext<String, StatusFact> context;
    private WamidResolution resolution;

    @Override
    public void init(ProcessorContext<String, StatusFact> context) {
        this.context = context;
        this.resolution = new WamidResolution(context.getStateStore(StatusTopology.WAMID_INDEX_STORE),
                new HeldStatuses(context.getStateStore(StatusTopology.HELD_STATUSES_STORE)));
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        for (StatusFact fact : resolution.learn(record.key(), record.value())) {
            context.forward(new Record<>(fact.messageId(), fact, record.timestamp(), record.headers()));
        }
    }
}
