package io.switchboard.dispatcher;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Operator endpoints on the dispatcher's HTTP port, all behind {@code Authorization: Bearer <admin-token>}
 * ({@code switchboard.dispatcher.admin-token}; when it is not set every request is refused). Thin: it checks the
 * token and delegates to {@link HaltRegistry}, {@link AccountHalts} and {@link DeadLetterArchive}; the work is asynchronous, so no event loop waits on Redis.
 */
@Controller("/admin")
@Requires(beans = DispatcherRunner.class)
public class AdminController {

    private final DispatcherRunner runner;
    private final DispatcherProperties properties;

    public AdminController(DispatcherRunner runner, DispatcherProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /** Every halted business number ({@code halts}) and account ({@code account_halts}) with its halting code. */
    @Get("/halts")
    public CompletableFuture<HttpResponse<?>> halts(@Header("Authorization") @Nullable String authorization) {
        if (!authorised(authorization)) {
            return CompletableFuture.completedFuture(refused());
        }
        return runner.halts().list().thenCombine(runner.accountHalts().list(),
                (numbers, accounts) -> HttpResponse.ok(Map.of("halts", numbers, "account_halts", accounts)));
    }

    /** Lets every number of the account send again, on every instance within {@code halt-recheck-interval}. */
    @Post("/halts/accounts/{accountId}/clear")
    public CompletableFuture<HttpResponse<?>> clearAccount(@PathVariable String accountId,
            @Header("Authorization") @Nullable String authorization) {
        if (!authorised(authorization)) {
            return CompletableFuture.completedFuture(refused());
        }
        return runner.accountHalts().clear(accountId).thenApply(cleared -> cleared
                ? HttpResponse.ok(Map.of("account_id", accountId, "cleared", true))
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("code", "NOT_HALTED",
                        "account_id", accountId)));
    }

    /** Lets the number send again: its waiting messages go out within {@code halt-recheck-interval}. */
    @Post("/halts/{phoneNumberId}/clear")
    public CompletableFuture<HttpResponse<?>> clear(@PathVariable String phoneNumberId,
            @Header("Authorization") @Nullable String authorization) {
        if (!authorised(authorization)) {
            return CompletableFuture.completedFuture(refused());
        }
        return runner.halts().clear(phoneNumberId).thenApply(cleared -> cleared
                ? HttpResponse.ok(Map.of("phone_number_id", phoneNumberId, "cleared", true))
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("code", "NOT_HALTED",
                        "phone_number_id", phoneNumberId)));
    }

    /** Recent dead letters, newest first, with every attempt; {@code offset} skips that many (paging back). */
    @Get("/dead-letters{?offset,limit}")
    public CompletableFuture<HttpResponse<?>> deadLetters(@QueryValue(defaultValue = "0") int offset,
            @QueryValue(defaultValue = "50") int limit, @Header("Authorization") @Nullable String authorization) {
        if (!authorised(authorization)) {
            return CompletableFuture.completedFuture(refused());
        }
        return runner.deadLetters().list(offset, limit).thenApply(letters -> HttpResponse.ok(Map.of(
                "offset", Math.max(0, offset), "count", letters.size(), "dead_letters", letters)));
    }

    /** Sends the chosen dead letters' commands again through send-commands. */
    @Post("/dead-letters/replay")
    public CompletableFuture<HttpResponse<?>> replay(@Body ReplayRequest request,
            @Header("Authorization") @Nullable String authorization) {
        if (!authorised(authorization)) {
            return CompletableFuture.completedFuture(refused());
        }
        if (request == null || request.messageIds() == null || request.messageIds().isEmpty()) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(Map.of("code", "MESSAGE_IDS_REQUIRED")));
        }
        return runner.deadLetters().replay(request.messageIds()).thenApply(HttpResponse::ok);
    }

    /** {@code {"message_ids": ["...", ...]}}. */
    @Serdeable
    public record ReplayRequest(@JsonProperty("message_ids") @Nullable List<String> messageIds) {
    }

    private boolean authorised(String authorization) {
        String token = properties.getAdminToken();
        if (token == null || token.isBlank() || authorization == null) {
            return false;
        }
        // Constant-time comparison: the answer time says nothing about how much of the token matched.
        return MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<?> refused() {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", "UNAUTHORIZED"));
    }
}
