package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves each WhatsApp status (keyed by wamid) to our message id and forwards it as a fact keyed by message id.
 *
 * <p>{@code biz_opaque_callback_data} is our message id (the dispatcher always sets it), so a status that carries it
 * is resolved at once, and teaches the wamid index that mapping for later statuses that lack it (WhatsApp echoes the
 * data for sent, delivered and read, not necessarily for failed). Otherwise the wamid index answers; a status whose
 * wamid is not indexed yet is held until the dispatcher's send result arrives ({@link WamidIndexProcessor}).
 * Played, deleted and unknown statuses are dropped here: they never move a status.
 */
final class StatusResolveProcessor implements Processor<String, StatusUpdate, String, StatusFact> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusResolveProcessor.class);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final Duration heldRetention;
    private ProcessorContext<String, StatusFact> context;
    private WamidResolution resolution;
    private HeldStatuses held;

    StatusResolveProcessor(Duration heldRetention) {
        this.heldRetention = heldRetention;
    }

    @Override
    public void init(ProcessorContext<String, StatusFact> context) {
        this.context = context;
        KeyValueStore<String, String> index = context.getStateStore(StatusTopology.WAMID_INDEX_STORE);
        this.held = new HeldStatuses(context.getStateStore(StatusTopology.HELD_STATUSES_STORE));
        this.resolution = new WamidResolution(index, held);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, StatusUpdate> record) {
        StatusUpdate update = record.value();
        if (!FactMapper.isStatusFact(update)) {
            return;
        }
        String callbackData = update.getBizOpaqueCallbackData();
        if (callbackData != null && !callbackData.isBlank()) {
            resolution.learn(update.getWamid(), callbackData).forEach(fact -> forward(fact, record));
            forward(update, callbackData, record);
            return;
        }
        String messageId = resolution.messageIdOf(update.getWamid());
        if (messageId == null) {
            held.hold(update);
        } else {
            forward(update, messageId, record);
        }
    }

    private void forward(StatusUpdate update, String messageId, Record<String, ?> cause) {
        FactMapper.fromStatusUpdate(update, messageId).ifPresent(fact -> forward(fact, cause));
    }

    private void forward(StatusFact fact, Record<String, ?> cause) {
        context.forward(new Record<>(fact.messageId(), fact, cause.timestamp(), cause.headers()));
    }

    private void purge(long now) {
        int purged = held.purgeReceivedBefore(Instant.ofEpochMilli(now).minus(heldRetention));
        if (purged > 0) {
            LOG.warn("Dropped {} WhatsApp statuses held longer than {} without a send result", purged, heldRetention);
        }
    }
}
