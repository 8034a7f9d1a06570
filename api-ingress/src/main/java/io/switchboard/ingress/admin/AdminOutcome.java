package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.util.concurrent.CompletableFuture;

/**
 * What an admin operation produced: data with its success status (200 or 201), or a refusal.
 *
 * @param data the view to answer with; null when refused
 * @param status HTTP status of a success
 * @param error the refusal; null on success
 */
public record AdminOutcome<T>(@Nullable T data, HttpStatus status, @Nullable ApiError error) {

    public static <T> AdminOutcome<T> ok(T data) {
        return new AdminOutcome<>(data, HttpStatus.OK, null);
    }

    public static <T> AdminOutcome<T> created(T data) {
        return new AdminOutcome<>(data, HttpStatus.CREATED, null);
    }

    public static <T> AdminOutcome<T> refused(ApiError error) {
        return new AdminOutcome<>(null, error.code().status(), error);
    }

    static <T> CompletableFuture<AdminOutcome<T>> now(AdminOutcome<T> outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    static <T> CompletableFuture<AdminOutcome<T>> refusedNow(ErrorCode code, String message) {
        return now(refused(ApiError.of(code, message)));
    }

    static <T> AdminOutcome<T> notStored(String what) {
        return refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                "The " + what + " could not be stored (Kafka did not acknowledge it in time); retry shortly"));
    }

    static <T> AdminOutcome<T> notLoaded() {
        return refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                "The service is starting and has not read all keys and accounts yet; retry shortly"));
    }

    static <T> CompletableFuture<AdminOutcome<T>> loading() {
        return now(notLoaded());
    }
}
