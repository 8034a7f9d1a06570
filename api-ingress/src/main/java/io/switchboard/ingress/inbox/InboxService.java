package io.switchboard.ingress.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.auth.CallerAccounts;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Account;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the messages customers sent to the caller's business number: authenticate (401) → permission
 * {@code view_messages} (403) → the key's account and its number (403, {@link CallerAccounts}) → the query string
 * (400) → one Redis call for the page (503 SERVICE_UNAVAILABLE when Redis cannot answer). An account sees the inbox of its own
 * number only. Listing does not consume the send quota.
 */
@Singleton
public class InboxService {

    private static final Logger LOG = LoggerFactory.getLogger(InboxService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKeyAuthenticator authenticator;
    private final CallerAccounts accounts;
    private final InboxStore store;
    private final InboxConfiguration config;

    public InboxService(ApiKeyAuthenticator authenticator, CallerAccounts accounts, InboxStore store,
                        InboxConfiguration config) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.store = store;
        this.config = config;
    }

    /**
     * The listing's {@code data} (array) and {@code meta.pagination}, or why not.
     */
    public record Result(@Nullable ArrayNode data, @Nullable ObjectNode pagination, @Nullable ApiError error) {

        static Result refused(ApiError error) {
            return new Result(null, null, error);
        }
    }

    public CompletableFuture<Result> list(@Nullable String apiKey, Function<String, String> parameters) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.LIST_INBOUND_MESSAGES);
        if (auth.isRefused()) {
            return done(Result.refused(auth.error()));
        }
        CallerAccounts.Resolved resolved = accounts.of(auth.caller());
        if (resolved.error() != null) {
            return done(Result.refused(resolved.error()));
        }
        Account account = resolved.account();
        InboxQuery query;
        try {
            query = InboxQuery.parse(parameters, config);
        } catch (InboxQuery.Invalid e) {
            return done(Result.refused(e.error()));
        }
        return store.page(account.getPhoneNumberId(), query).handle((page, failure) -> {
            if (failure != null) {
                LOG.warn("Inbox of number {} could not be read: {}", account.getPhoneNumberId(), failure.toString());
                return Result.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                        "Inbound messages are temporarily unavailable; retry shortly"));
            }
            return new Result(items(page), pagination(page, query), null);
        });
    }

    private static ArrayNode items(InboxStore.Page page) {
        ArrayNode data = JSON.createArrayNode();
        for (InboxStore.Entry entry : page.entries()) {
            try {
                data.add(JSON.readTree(entry.json()));
            } catch (Exception e) {
                LOG.warn("Skipping unreadable inbox entry {}", entry.position().wamid());
            }
        }
        return data;
    }

    private static ObjectNode pagination(InboxStore.Page page, InboxQuery query) {
        ObjectNode pagination = JSON.createObjectNode();
        pagination.put("limit", query.limit());
        pagination.put("has_more", page.hasMore());
        if (page.hasMore() && !page.entries().isEmpty()) {
            pagination.put("next_cursor", page.entries().get(page.entries().size() - 1).position().encode());
        } else {
            pagination.putNull("next_cursor");
        }
        return pagination;
    }

    private static CompletableFuture<Result> done(Result result) {
        return CompletableFuture.completedFuture(result);
    }
}
