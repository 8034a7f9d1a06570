package io.switchboard.projector.query;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.switchboard.projector.topology.StatusTopology;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Looks up to {@link #MAX_IDS} messages at once: each id is routed like a single query ({@link OwnerRouter}); the
 * ones this instance owns are answered here ({@link MessageStatusQuery}), the others are asked of each owning
 * instance in one forwarded request per instance. Every id ends up found, not found, or unavailable (no settled
 * owner, or its owner did not answer); routing runs on the blocking executor, since asking Streams for owners waits
 * on its metadata lock.
 */
@Singleton
public class MessageBatchQuery {

    /** The most ids one lookup takes. */
    public static final int MAX_IDS = 100;
    static final String PATH = "/internal/messages/batch";
    private static final Argument<OutboundBodies.BatchAnswer> ANSWER = Argument.of(OutboundBodies.BatchAnswer.class);

    private final OwnerRouter router;
    private final MessageStatusQuery messages;
    private final PeerForwarder forwarder;
    private final JsonMapper json;
    private final Executor routing;

    public MessageBatchQuery(OwnerRouter router, MessageStatusQuery messages, PeerForwarder forwarder,
                             JsonMapper json, @Named(TaskExecutors.BLOCKING) Executor routing) {
        this.router = router;
        this.messages = messages;
        this.forwarder = forwarder;
        this.json = json;
        this.routing = routing;
    }

    /**
     * @param ids distinct message ids, at most {@link #MAX_IDS}
     * @param forwarded true when another instance sent these ids here: they are never forwarded again
     */
    public CompletableFuture<OutboundBodies.BatchAnswer> find(List<String> ids, boolean forwarded) {
        return CompletableFuture.supplyAsync(() -> route(ids, forwarded), routing).thenCompose(this::answer);
    }

    private Routes route(List<String> ids, boolean forwarded) {
        Routes routes = new Routes();
        for (String id : new LinkedHashSet<>(ids)) {
            OwnerRouter.Route route = router.route(StatusTopology.MESSAGE_STORE, id, forwarded);
            if (route instanceof OwnerRouter.Local) {
                routes.local.add(id);
            } else if (route instanceof OwnerRouter.Remote remote) {
                routes.remote.computeIfAbsent(remote.owner(), owner -> new ArrayList<>()).add(id);
            } else {
                routes.unavailable.add(id);
            }
        }
        return routes;
    }

    private CompletableFuture<OutboundBodies.BatchAnswer> answer(Routes routes) {
        List<CompletableFuture<OutboundBodies.BatchAnswer>> parts = new ArrayList<>();
        for (String id : routes.local) {
            parts.add(messages.find(id, true).thenApply(answer -> local(id, answer)));
        }
        routes.remote.forEach((owner, ids) -> parts.add(remote(owner, ids)));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<MessageStatusView> found = new ArrayList<>();
            List<String> notFound = new ArrayList<>();
            List<String> unavailable = new ArrayList<>(routes.unavailable);
            for (CompletableFuture<OutboundBodies.BatchAnswer> part : parts) {
                OutboundBodies.BatchAnswer answer = part.join();
                found.addAll(answer.messages());
                notFound.addAll(answer.notFound());
                unavailable.addAll(answer.unavailable());
            }
            return new OutboundBodies.BatchAnswer(found, notFound, unavailable);
        });
    }

    private static OutboundBodies.BatchAnswer local(String id, QueryAnswer answer) {
        if (answer instanceof QueryAnswer.Found found) {
            return new OutboundBodies.BatchAnswer(List.of((MessageStatusView) found.view()), List.of(), List.of());
        }
        return answer instanceof QueryAnswer.NotFound
                ? new OutboundBodies.BatchAnswer(List.of(), List.of(id), List.of())
                : new OutboundBodies.BatchAnswer(List.of(), List.of(), List.of(id));
    }

    private CompletableFuture<OutboundBodies.BatchAnswer> remote(HostInfo owner, List<String> ids) {
        OutboundBodies.BatchAnswer none = new OutboundBodies.BatchAnswer(List.of(), List.of(), ids);
        return forwarder.post(owner, PATH, new OutboundBodies.BatchRequest(ids)).thenApply(answer -> {
            if (!(answer instanceof QueryAnswer.Relayed relayed) || relayed.status() != 200) {
                return none;
            }
            try {
                return json.readValue(relayed.body(), ANSWER);
            } catch (IOException | RuntimeException e) {
                return none;
            }
        });
    }

    /** Where each id is answered. */
    private static final class Routes {
        final List<String> local = new ArrayList<>();
        final Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        final List<String> unavailable = new ArrayList<>();
    }
}
