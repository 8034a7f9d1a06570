package io.switchboard.ingress.inbox;

import io.switchboard.ingress.status.StatusQueryClient;
import io.switchboard.schemas.avro.InboundMessage;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an inbound message in its number's inbox, in the shape it is listed in. A reply ({@code context}) is linked
 * to our message id when it is written, not when listed, so a listing stays one Redis round trip: the projector is
 * asked which of our messages the context's wamid is ({@code /internal/wamids}). Not ours (404): message_id null.
 * Projector unavailable: message_id null as well and a warning, rather than holding back the window and the inbox
 * (the reply's wamid is still listed, and a later re-read of the topic writes the link).
 */
@Singleton
public class InboxWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

    private final InboxStore store;
    private final StatusQueryClient projector;

    public InboxWriter(InboxStore store, StatusQueryClient projector) {
        this.store = store;
        this.projector = projector;
    }

    /** Completes once Redis kept the message (true) or found it older than the retention (false). */
    public CompletableFuture<Boolean> write(InboundMessage message) {
        return contextMessageId(message).thenCompose(contextId -> store.keep(message.getPhoneNumberId(),
                message.getFrom(), message.getWamid(), message.getReceivedAt(),
                InboundItems.of(message, contextId.orElse(null)).toString(), InboundItems.mediaId(message)));
    }

    private CompletableFuture<Optional<String>> contextMessageId(InboundMessage message) {
        String wamid = message.getContextWamid();
        if (wamid == null || wamid.isBlank()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return projector.messageIdOfWamid(wamid).exceptionally(e -> {
            LOG.warn("Reply {} kept without our message id: the status-projector did not answer ({})",
                    message.getWamid(), e.toString());
            return Optional.empty();
        });
    }
}
