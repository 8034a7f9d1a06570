package io.switchboard.dispatcher;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Operator endpoints on the dispatcher's HTTP port, all behind {@code Authorization: Bearer <admin-token>}
 * ({@code switchboard.dispatcher.admin-token}; when it is not set every request is refused), checked by
 * {@link AdminAuthenticator} (which also slows down a caller that keeps failing). Thin: it delegates to {@link HaltRegistry}, {@link AccountHalts} and {@link DeadLetterArchive}; the work is asynchronous, so no event loop waits on Redis.
 */
@Controller("/admin")
@Requires(beans = DispatcherRunner.class)
public class AdminController {

    private final DispatcherRunner runner;
    private final AdminAuthenticator auth;

    public AdminController(DispatcherRunner runner, AdminAuthenticator auth) {
        this.runner = runner;
        this.auth = auth;
    }

    /** Every halted business number ({@code halts}) and account ({@code account_halts}) with its halting code. */
    @Get("/halts")
    public CompletableFuture<HttpResponse<?>> halts(@Header("Authorization") @Nullable String authorization,
            HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
        }
        return runner.halts().list().thenCombine(runner.accountHalts().list(),
                (numbers, accounts) -> HttpResponse.ok(Map.of("halts", numbers, "account_halts", accounts)));
    }

    /** Lets every number of the account send again, on every instance within {@code halt-recheck-interval}. */
    @Post("/halts/accounts/{accountId}/clear")
    public CompletableFuture<HttpResponse<?>> clearAccount(@PathVariable String accountId,
            @Header("Authorization") @Nullable String authorization,
            HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
        }
        return runner.accountHalts().clear(accountId).thenApply(cleared -> cleared
                ? HttpResponse.ok(Map.of("account_id", accountId, "cleared", true))
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("code", "NOT_HALTED",
                        "account_id", accountId)));
    }

    /** Lets the number send again: its waiting messages go out within {@code halt-recheck-interval}. */
    @Post("/halts/{phoneNumberId}/clear")
    public CompletableFuture<HttpResponse<?>> clear(@PathVariable String phoneNumberId,
            @Header("Authorization") @Nullable String authorization,
            HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
        }
        return runner.halts().clear(phoneNumberId).thenApply(cleared -> cleared
                ? HttpResponse.ok(Map.of("phone_number_id", phoneNumberId, "cleared", true))
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("code", "NOT_HALTED",
                        "phone_number_id", phoneNumberId)));
    }

    /** Recent dead letters, newest first, with every attempt; {@code offset} skips that many (paging back). */
    @Get("/dead-letters{?offset,limit}")
    public CompletableFuture<HttpResponse<?>> deadLetters(@QueryValue(defaultValue = "0") int offset,
            @QueryValue(defaultValue = "50") int limit, @Header("Authorization") @Nullable String authorization,
            HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
        }
        return runner.deadLetters().list(offset, limit).thenApply(letters -> HttpResponse.ok(Map.of(
                "offset", Math.max(0, offset), "count", letters.size(), "dead_letters", letters)));
    }

    /** Sends the chosen dead letters' commands again through send-commands. */
    @Post("/dead-letters/replay")
    public CompletableFuture<HttpResponse<?>> replay(@Body ReplayRequest request,
            @Header("Authorization") @Nullable String authorization,
            HttpRequest<?> http) {
        var refusal = auth.refusal(http, authorization);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
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
}
