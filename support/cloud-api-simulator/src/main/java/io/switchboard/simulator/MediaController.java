package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Graph API media endpoints: upload ({@code POST /{version}/{phone-number-id}/media}, multipart), URL lookup
 * ({@code GET /{version}/{media-id}}), delete, and the download URL the lookup hands out
 * ({@code GET /_sim/media/{id}/download}, bearer token required as at Meta). All but the download need the bearer
 * token; errors use Meta's envelope through {@link GraphErrorHandler}. The upload runs on the blocking executor
 * because hashing a 100 MB document is too long for an event-loop thread.
 */
@Controller(produces = MediaType.APPLICATION_JSON)
public class MediaController {

    private final AccessTokens tokens;
    private final MediaStore store;
    private final MediaUrls urls;
    private final MediaConfig config;

    public MediaController(AccessTokens tokens, MediaStore store, MediaUrls urls, MediaConfig config) {
        this.tokens = tokens;
        this.store = store;
        this.urls = urls;
        this.config = config;
    }

    /** {@code {"id":"<media id>"}}. */
    @Serdeable
    public record Uploaded(String id) {
    }

    /** The answer of {@code GET /{media-id}}, fields in Meta's order. */
    @Serdeable
    public record MediaInfo(String url, @JsonProperty("mime_type") String mimeType, String sha256,
                            @JsonProperty("file_size") long fileSize, String id,
                            @JsonProperty("messaging_product") String messagingProduct) {
    }

    @Post(uri = "/{version}/{phoneNumberId}/media", consumes = MediaType.MULTIPART_FORM_DATA)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Uploaded upload(@PathVariable String version, @PathVariable String phoneNumberId,
                           @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                           @Nullable @Part("messaging_product") String messagingProduct,
                           @Nullable @Part("type") String type,
                           @Nullable @Part("file") CompletedFileUpload file) {
        tokens.check(authorization);
        if (!"whatsapp".equals(messagingProduct)) {
            throw GraphError.invalidParameter(messagingProduct == null
                    ? "The parameter messaging_product is required."
                    : "Param messaging_product must be one of [whatsapp] - got \"" + messagingProduct + "\".")
                    .exception();
        }
        if (file == null) {
            throw GraphError.invalidParameter("The parameter file is required.").exception();
        }
        String fileType = file.getContentType().map(MediaType::toString).orElse(null);
        boolean generic = fileType == null || MediaType.APPLICATION_OCTET_STREAM.equals(MediaRules.baseType(fileType));
        String mimeType = generic ? type : fileType;
        if (mimeType == null) {
            throw GraphError.invalidParameter("The file part has no content type and no type parameter was given.")
                    .exception();
        }
        if (type != null && !generic && !MediaRules.baseType(type).equals(MediaRules.baseType(fileType))) {
            throw GraphError.mediaError("Param type (" + type + ") does not match the file's content type ("
                    + fileType + ").").exception();
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MediaRules.check(mimeType, content);
        return new Uploaded(store.store(phoneNumberId, MediaRules.baseType(mimeType), content).id());
    }

    /** The same without a version (Meta then uses its newest). */
    @Post(uri = "/{phoneNumberId}/media", consumes = MediaType.MULTIPART_FORM_DATA)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Uploaded uploadUnversioned(@PathVariable String phoneNumberId,
                                      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                      @Nullable @Part("messaging_product") String messagingProduct,
                                      @Nullable @Part("type") String type,
                                      @Nullable @Part("file") CompletedFileUpload file) {
        return upload("", phoneNumberId, authorization, messagingProduct, type, file);
    }

    @Get("/{version}/{mediaId}")
    public MediaInfo lookup(@PathVariable String version, @PathVariable String mediaId, HttpRequest<?> request,
                            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.check(authorization);
        MediaStore.StoredMedia media = store.find(mediaId).orElseThrow(() -> unknown(mediaId).exception());
        String url = PublicUrls.base(config.getPublicBaseUrl(), request) + urls.pathFor(mediaId);
        return new MediaInfo(url, media.mimeType(), media.sha256(), media.content().length, media.id(), "whatsapp");
    }

    @Delete("/{version}/{mediaId}")
    public Map<String, Boolean> delete(@PathVariable String version, @PathVariable String mediaId,
                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.check(authorization);
        if (!store.delete(mediaId)) {
            throw unknown(mediaId).exception();
        }
        return Map.of("success", true);
    }

    /** The bytes, with their content type; 404 when the URL expired, was tampered with or the media is gone. */
    @Get(uri = "/_sim/media/{mediaId}/download{?expires,signature}", produces = MediaType.ALL)
    public HttpResponse<?> download(@PathVariable String mediaId, @Nullable @QueryValue String expires,
                                    @Nullable @QueryValue String signature,
                                    @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.check(authorization);
        if (expires == null || signature == null || !urls.isValid(mediaId, expires, signature)) {
            return HttpResponse.notFound(Map.of("error", "The URL has expired or is not valid: ask GET /{media-id}"
                    + " for a new one.")).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return store.find(mediaId)
                .<HttpResponse<?>>map(media -> HttpResponse.ok(media.content())
                        .contentType(MediaType.of(media.mimeType())))
                .orElseGet(() -> HttpResponse.notFound(Map.of("error", "The media was deleted or evicted."))
                        .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static GraphError unknown(String mediaId) {
        return GraphError.invalidParameter("Unsupported request. Object with ID '" + mediaId + "' does not exist,"
                + " cannot be loaded due to missing permissions, or does not support this operation.");
    }
}
