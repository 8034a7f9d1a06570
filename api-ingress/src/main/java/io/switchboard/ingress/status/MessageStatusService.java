package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "where is message X": authenticate (401) → permission view_messages (403) → the id must be a UUID (anything
 * else cannot exist: 404 MESSAGE_NOT_FOUND without asking anyone) → ask the projector → only the sending account may
 * see the message (another account's message is 404 like an unknown one) → 503 STATUS_UNAVAILABLE when the projector
 * cannot answer. A message the projector has not applied yet (a query right after the 202) is answered from the
 * ingress's own record of what it accepted ({@link AcceptedMessages}): {@code queued}, never 404. Status queries do
 * not consume the send rate limit.
 */
@Singleton
public class MessageStatusService {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStatusService.class);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ApiKeyAuthenticator authenticator;
    private final StatusQueryClient projector;
    private final AcceptedMessages accepted;

    public MessageStatusService(ApiKeyAuthenticator authenticator, StatusQueryClient projector,
                                AcceptedMessages accepted) {
        this.authenticator = authenticator;
        this.projector = projector;
        this.accepted = accepted;
    }

    public CompletableFuture<Result> find(@Nullable String apiKey, String messageId) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.GET_MESSAGE);
        if (auth.isRefused()) {
            return CompletableFuture.completedFuture(Result.refused(auth.error()));
        }
        if (!isUuid(messageId)) {
            return CompletableFuture.completedFuture(Result.refused(notFound()));
        }
        String canonicalId = UUID.fromString(messageId).toString();
        String accountId = auth.caller().accountId();
        return projector.find(canonicalId).thenCompose(reply -> {
            if (!reply.available()) {
                return CompletableFuture.completedFuture(Result.refused(unavailable()));
            }
            ProjectedStatus status = reply.status();
            if (status != null && status.accountId() != null) {
                return CompletableFuture.completedFuture(MessageStatusMapper.isVisibleTo(status, accountId)
                        ? new Result(MessageStatusMapper.toView(status), null) : Result.refused(notFound()));
            }
            return accepted.find(List.of(canonicalId)).handle((records, failure) -> {
                if (failure != null) {
                    LOG.warn("Accepted-message records could not be read for {}: {}", canonicalId, failure.toString());
                    return Result.refused(unavailable());
                }
                return justAccepted(status, records.get(canonicalId), accountId);
            });
        });
    }

    /**
     * The view of a message the projector does not know yet, or knows only from facts that came before its
     * acceptance (no account yet), from the ingress's record of it; not found when there is no record of the
     * caller's account.
     */
    static Result justAccepted(@Nullable ProjectedStatus partial, @Nullable AcceptedMessages.Accepted record,
                               String accountId) {
        if (record == null || !record.accountId().equals(accountId)) {
            return Result.refused(notFound());
        }
        MessageStatusView view = partial == null ? MessageStatusMapper.queued(record)
                : MessageStatusMapper.toView(partial.withAcceptance(record));
        return new Result(view, null);
    }

    static boolean isUuid(String id) {
        return UUID_TEXT.matcher(id).matches();
    }

    static ApiError notFound() {
        return ApiError.of(ErrorCode.MESSAGE_NOT_FOUND, "No message with this id exists for this account");
    }

    static ApiError unavailable() {
        return ApiError.of(ErrorCode.STATUS_UNAVAILABLE, "Message statuses are temporarily unavailable; retry shortly");
    }

    /**
     * The status view, or why not.
     *
     * @param view the message's public status; null when refused
     * @param error the refusal; null when found
     */
    public record Result(@Nullable MessageStatusView view, @Nullable ApiError error) {

        static Result refused(ApiError error) {
            return new Result(null, error);
        }
    }
}
