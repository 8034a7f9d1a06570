package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.inbox.InboxService;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Lists the messages the caller's account sent, newest first, so a client that lost a message id (a timeout before
 * the 202) finds the message again by its reference, recipient, status or time: authenticate (401) → permission
 * {@code view_messages} (403) → the query string (400) → one search of the projector's outbound index (503
 * STATUS_UNAVAILABLE when it cannot answer). The search only ever covers the key's own account. Each item is the
 * message's full status, exactly as {@code GET /messages/{id}} shows it. Listing consumes no send quota.
 */
@Singleton
public class OutboundListing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKeyAuthenticator authenticator;
    private final StatusQueryClient projector;
    private final OutboundConfiguration config;

    public OutboundListing(ApiKeyAuthenticator authenticator, StatusQueryClient projector,
                           OutboundConfiguration config) {
        this.authenticator = authenticator;
        this.projector = projector;
        this.config = config;
    }

    public CompletableFuture<InboxService.Result> list(@Nullable String apiKey, Collection<String> names,
                                                       Function<String, String> parameters) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.LIST_OUTBOUND_MESSAGES);
        if (auth.isRefused()) {
            return refused(auth.error());
        }
        OutboundQuery query;
        try {
            query = OutboundQuery.parse(names, parameters, config.getDefaultPageSize(), config.getMaxPageSize());
        } catch (OutboundQuery.Invalid e) {
            return refused(e.error());
        }
        String accountId = auth.caller().accountId();
        return projector.search(accountId, query.projectorQuery()).thenApply(reply -> {
            if (!reply.available()) {
                return new InboxService.Result(null, null, ApiError.of(ErrorCode.STATUS_UNAVAILABLE,
                        "Sent messages cannot be searched right now; retry shortly"));
            }
            if (reply.invalid() != null) {
                return new InboxService.Result(null, null, ApiError.validation(reply.invalid()));
            }
            ArrayNode data = JSON.createArrayNode();
            reply.messages().stream().filter(status -> MessageStatusMapper.isVisibleTo(status, accountId))
                    .forEach(status -> data.add(JSON.valueToTree(MessageStatusMapper.toView(status))));
            ObjectNode pagination = JSON.createObjectNode();
            pagination.put("limit", query.limit());
            pagination.put("has_more", reply.next() != null);
            pagination.put("next_cursor", reply.next() == null ? null : reply.next().encode());
            return new InboxService.Result(data, pagination, null);
        });
    }

    private static CompletableFuture<InboxService.Result> refused(ApiError error) {
        return CompletableFuture.completedFuture(new InboxService.Result(null, null, error));
    }
}
