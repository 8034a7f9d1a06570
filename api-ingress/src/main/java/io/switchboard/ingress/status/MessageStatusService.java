package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Answers "where is message X": authenticate (401) → permission view_messages (403) → the id must be a UUID (anything
 * else cannot exist: 404 MESSAGE_NOT_FOUND without asking anyone) → ask the projector → only the sending account may
 * see the message (another account's message is 404 like an unknown one) → 503 STATUS_UNAVAILABLE when the projector
 * cannot answer. Status queries do not consume the send rate limit.
 */
@Singleton
public class MessageStatusService {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ApiKeyAuthenticator authenticator;
    private final StatusQueryClient projector;

    public MessageStatusService(ApiKeyAuthenticator authenticator, StatusQueryClient projector) {
        this.authenticator = authenticator;
        this.projector = projector;
    }

    public CompletableFuture<Result> find(@Nullable String apiKey, String messageId) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.GET_MESSAGE);
        if (auth.isRefused()) {
            return CompletableFuture.completedFuture(Result.refused(auth.error()));
        }
        if (!UUID_TEXT.matcher(messageId).matches()) {
            return CompletableFuture.completedFuture(Result.refused(notFound()));
        }
        String canonicalId = UUID.fromString(messageId).toString();
        String accountId = auth.caller().accountId();
        return projector.find(canonicalId).thenApply(reply -> {
            if (!reply.available()) {
                return Result.refused(ApiError.of(ErrorCode.STATUS_UNAVAILABLE,
                        "Message statuses are temporarily unavailable; retry shortly"));
            }
            if (reply.status() == null || !MessageStatusMapper.isVisibleTo(reply.status(), accountId)) {
                return Result.refused(notFound());
            }
            return new Result(MessageStatusMapper.toView(reply.status()), null);
        });
    }

    private static ApiError notFound() {
        return ApiError.of(ErrorCode.MESSAGE_NOT_FOUND, "No message with this id exists for this account");
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
