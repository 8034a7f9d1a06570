package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.inbox.InboxService;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code GET /messages} lists outbound or inbound messages: {@code direction=outbound}, or no direction and a filter
 * only outbound messages have ({@code reference}, {@code to}, {@code status}), is the outbound listing; otherwise the
 * inbound one (the default). {@code direction=inbound} with an outbound filter is refused rather than the filter
 * ignored.
 */
@Singleton
public class MessageListings {

    private final OutboundListing outbound;
    private final InboxService inbound;
    private final ApiKeyAuthenticator authenticator;

    public MessageListings(OutboundListing outbound, InboxService inbound, ApiKeyAuthenticator authenticator) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.authenticator = authenticator;
    }

    public CompletableFuture<InboxService.Result> list(@Nullable String apiKey, Collection<String> names,
                                                       Function<String, String> parameters) {
        if (OutboundQuery.isOutbound(parameters)) {
            return outbound.list(apiKey, names, parameters);
        }
        if ("inbound".equalsIgnoreCase(trimmed(parameters.apply("direction")))) {
            for (String filter : OutboundQuery.OUTBOUND_FILTERS) {
                if (parameters.apply(filter) != null) {
                    ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey,
                            ApiOperation.LIST_INBOUND_MESSAGES);
                    return CompletableFuture.completedFuture(new InboxService.Result(null, null, auth.isRefused()
                            ? auth.error() : ApiError.validation(filter + " filters outbound messages "
                            + "(direction=outbound); inbound messages are filtered by from")));
                }
            }
        }
        return inbound.list(apiKey, parameters);
    }

    @Nullable
    private static String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
    }
}
