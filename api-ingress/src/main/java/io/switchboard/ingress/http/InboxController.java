package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.switchboard.ingress.media.CloudApiMediaDownloader;
import io.switchboard.ingress.media.MediaDownloadService;
import io.switchboard.ingress.status.MessageListings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Message history: {@code GET /api/v1/external/messages} lists the inbound messages of the key's number, or with
 * {@code direction=outbound} (or an outbound filter) the messages its account sent (newest first, paged with a
 * cursor), and {@code GET /api/v1/external/media/{media_id}} streams the media of an inbound one from the Cloud API.
 * Thin: the services decide every answer; nothing here waits on Redis or HTTP.
 */
@Controller("/api/v1/external")
public class InboxController {

    private final MessageListings listings;
    private final MediaDownloadService media;
    private final ApiResponses responses;

    public InboxController(MessageListings listings, MediaDownloadService media, ApiResponses responses) {
        this.listings = listings;
        this.media = media;
        this.responses = responses;
    }

    @Get(uri = "/messages", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> list(HttpRequest<?> request,
                                                   @Nullable @Header(MessagesController.API_KEY_HEADER) String apiKey) {
        String requestId = RequestIds.of(request);
        return listings.list(apiKey, request.getParameters().names(), name -> request.getParameters().get(name))
                .thenApply(result -> result.error() != null
                        ? responses.error(requestId, result.error(), null)
                        : responses.okPage(requestId, result.data(), result.pagination()));
    }

    @Get(uri = "/media/{mediaId}", produces = MediaType.ALL)
    public CompletableFuture<HttpResponse<?>> download(HttpRequest<?> request,
                                                       @Nullable @Header(MessagesController.API_KEY_HEADER) String apiKey,
                                                       @PathVariable String mediaId) {
        String requestId = RequestIds.of(request);
        return media.download(apiKey, mediaId).thenApply(result -> {
            if (result.error() != null) {
                return responses.error(requestId, result.error(), null);
            }
            CloudApiMediaDownloader.Found found = result.media();
            Flux<byte[]> bytes = JdkFlowAdapter.flowPublisherToFlux(found.bytes()).map(InboxController::join);
            return HttpResponse.ok(bytes).header(HttpHeaders.CONTENT_TYPE, found.mimeType())
                    .header(RequestIds.HEADER, requestId);
        });
    }

    private static byte[] join(List<ByteBuffer> buffers) {
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        byte[] bytes = new byte[size];
        int offset = 0;
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            buffer.get(bytes, offset, length);
            offset += length;
        }
        return bytes;
    }
}
