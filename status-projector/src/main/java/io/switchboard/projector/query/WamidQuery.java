package io.switchboard.projector.query;

import io.micronaut.scheduling.TaskExecutors;
import io.switchboard.projector.topology.StatusTopology;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;

/**
 * Answers "which of our messages is WhatsApp's wamid W" from the wamid index (fed by the dispatcher's send results
 * and by statuses carrying our callback data), on the instance that owns W's partition of the index. A wamid this
 * deployment never sent (or whose send result has not been projected yet) is not found.
 */
@Singleton
public class WamidQuery extends OwnedStoreQuery<String> {

    public WamidQuery(OwnerRouter router, PeerForwarder forwarder, @Named(TaskExecutors.BLOCKING) Executor storeReads) {
        super(router, forwarder, StatusTopology.WAMID_INDEX_STORE, "wamids", storeReads);
    }

    @Override
    Object view(String wamid, String messageId) {
        return new WamidView(messageId, wamid);
    }
}
