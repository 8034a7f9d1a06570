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
 * {@code GET /internal/wamids/{wamid}}: which of our messages a WhatsApp message id belongs to, from whichever
 * instance owns the wamid. 200 {@code {"message_id","wamid"}}, 404 {@code MESSAGE_NOT_FOUND}, 503
 * {@code STORE_NOT_READY} while rebalancing or restoring.
 */
@Controller("/internal/wamids")
public class WamidController {

    private final WamidQuery query;

    public WamidController(WamidQuery query) {
        this.query = query;
    }

    @Get(uri = "/{wamid}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> messageOf(@PathVariable String wamid,
                                                        @Nullable @Header(PeerForwarder.FORWARDED_HEADER) String forwarded) {
        return query.find(wamid, forwarded != null).thenApply(QueryResponses::of);
    }
}
