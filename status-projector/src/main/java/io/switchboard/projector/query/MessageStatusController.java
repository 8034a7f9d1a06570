package io.switchboard.projector.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /internal/messages/{messageId}}: a message's projected status, from whichever instance owns it.
 * 200 with the status, 404 {@code MESSAGE_NOT_FOUND}, 503 {@code STORE_NOT_READY} while rebalancing or restoring.
 */
@Controller("/internal/messages")
public class MessageStatusController {

    private final MessageStatusQuery query;

    public MessageStatusController(MessageStatusQuery query) {
        this.query = query;
    }

    @Get(uri = "/{messageId}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> status(@PathVariable String messageId,
                                                     @Nullable @Header(PeerForwarder.FORWARDED_HEADER) String forwarded) {
        return query.find(messageId, forwarded != null).thenApply(QueryResponses::of);
    }
}
