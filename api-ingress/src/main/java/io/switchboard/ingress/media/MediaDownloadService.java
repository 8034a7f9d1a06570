package io.switchboard.ingress.media;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.auth.CallerAccounts;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.inbox.InboxStore;
import io.switchboard.schemas.avro.Account;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Downloads the media of a message a customer sent: authenticate (401) → permission {@code view_messages} (403) →
 * the key's account (403) → the media id must have arrived in an inbound message to the account's number within the
 * inbox retention (else 404 MEDIA_NOT_FOUND: the Cloud API token is the platform's, so without this check any key
 * could fetch any account's media by guessing ids) → the Cloud API lookup and download (404 when WhatsApp no longer
 * has it, 502 MEDIA_DOWNLOAD_FAILED for any other failure). Redis unavailable: 503.
 */
@Singleton
public class MediaDownloadService {

    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ApiKeyAuthenticator authenticator;
    private final CallerAccounts accounts;
    private final InboxStore inbox;
    private final CloudApiMediaDownloader cloudApi;

    public MediaDownloadService(ApiKeyAuthenticator authenticator, CallerAccounts accounts, InboxStore inbox,
                                CloudApiMediaDownloader cloudApi) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.inbox = inbox;
        this.cloudApi = cloudApi;
    }

    /** The media, or why not. */
    public record Result(@Nullable CloudApiMediaDownloader.Found media, @Nullable ApiError error) {

        static Result refused(ApiError error) {
            return new Result(null, error);
        }
    }

    public CompletableFuture<Result> download(@Nullable String apiKey, String mediaId) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.DOWNLOAD_MEDIA);
        if (auth.isRefused()) {
            return done(Result.refused(auth.error()));
        }
        CallerAccounts.Resolved resolved = accounts.of(auth.caller());
        if (resolved.error() != null) {
            return done(Result.refused(resolved.error()));
        }
        Account account = resolved.account();
        if (!MEDIA_ID.matcher(mediaId).matches()) {
            return done(Result.refused(notFound()));
        }
        return inbox.receivedMedia(account.getPhoneNumberId(), mediaId)
                .handle((received, failure) -> failure == null ? received : null)
                .thenCompose(received -> {
                    if (received == null) {
                        return done(Result.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                                "Media downloads are temporarily unavailable; retry shortly")));
                    }
                    if (!received) {
                        return done(Result.refused(notFound()));
                    }
                    return cloudApi.download(mediaId).thenApply(MediaDownloadService::answer);
                });
    }

    private static Result answer(CloudApiMediaDownloader.Download download) {
        if (download instanceof CloudApiMediaDownloader.Found found) {
            return new Result(found, null);
        }
        if (download instanceof CloudApiMediaDownloader.NotFound) {
            return Result.refused(notFound());
        }
        return Result.refused(ApiError.of(ErrorCode.MEDIA_DOWNLOAD_FAILED, "The media could not be fetched from "
                + "WhatsApp (" + ((CloudApiMediaDownloader.Failed) download).why() + "); retry shortly"));
    }

    private static ApiError notFound() {
        return ApiError.of(ErrorCode.MEDIA_NOT_FOUND,
                "No media with this id arrived for this account, or WhatsApp no longer keeps it");
    }

    private static CompletableFuture<Result> done(Result result) {
        return CompletableFuture.completedFuture(result);
    }
}
