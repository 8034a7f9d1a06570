package io.switchboard.projector.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /internal/messages/batch} {@code {"message_ids":[...]}} (at most {@link MessageBatchQuery#MAX_IDS}):
 * 200 {@code {"messages":[...],"not_found":[ids],"unavailable":[ids]}}, each id answered by the instance that owns
 * it; 400 {@code INVALID_QUERY} for a missing, empty or too long list.
 */
@Controller
public class MessageBatchController {

    private final MessageBatchQuery query;

    public MessageBatchController(MessageBatchQuery query) {
        this.query = query;
    }

    @Post(uri = MessageBatchQuery.PATH, consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> find(@Nullable @Body OutboundBodies.BatchRequest request,
                                                   @Nullable @Header(PeerForwarder.FORWARDED_HEADER) String forwarded) {
        if (request == null || request.messageIds() == null || request.messageIds().isEmpty()
                || request.messageIds().size() > MessageBatchQuery.MAX_IDS
                || request.messageIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(OutboundBodies.Invalid.of(
                    "message_ids must list 1 to " + MessageBatchQuery.MAX_IDS + " message ids")));
        }
        return query.find(request.messageIds(), forwarded != null).thenApply(HttpResponse::ok);
    }
}
