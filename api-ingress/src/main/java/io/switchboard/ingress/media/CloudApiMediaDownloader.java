package io.switchboard.ingress.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingress.templates.CloudApiConfiguration;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a media file through the Cloud API, non-blocking: {@code GET {base}/{version}/{media-id}} (bearer token)
 * answers {@code {url, mime_type, sha256, file_size}}, then {@code GET url} with the same token answers the bytes.
 * The URL lives five minutes, so it is fetched at once and never kept. The bytes are handed on as they arrive (a
 * publisher), not buffered. Meta's 400/404 on the lookup (an unknown, deleted or expired id: WhatsApp keeps inbound
 * media for 30 days) is "not found"; anything else going wrong is "failed".
 */
@Singleton
public class CloudApiMediaDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(CloudApiMediaDownloader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudApiConfiguration config;
    private final HttpClient http;

    public CloudApiMediaDownloader(CloudApiConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** What a download comes to. */
    public sealed interface Download {
    }

    /** The media: its type as WhatsApp recorded it, its size when known, and its bytes as they arrive. */
    public record Found(String mimeType, long size, Flow.Publisher<List<ByteBuffer>> bytes) implements Download {
    }

    public record NotFound() implements Download {
    }

    public record Failed(String why) implements Download {
    }

    public CompletableFuture<Download> download(String mediaId) {
        HttpRequest lookup = authorized(URI.create(config.url(URLEncoder.encode(mediaId, StandardCharsets.UTF_8))))
                .GET().build();
        return http.sendAsync(lookup, HttpResponse.BodyHandlers.ofByteArray())
                .thenCompose(this::fetch)
                .exceptionally(failure -> {
                    LOG.warn("Media download failed: {}", failure.toString());
                    return new Failed("the Cloud API could not be reached");
                });
    }

    private CompletableFuture<Download> fetch(HttpResponse<byte[]> lookup) {
        int status = lookup.statusCode();
        if (status == 400 || status == 404) {
            return CompletableFuture.completedFuture(new NotFound());
        }
        JsonNode body;
        try {
            body = status == 200 ? JSON.readTree(lookup.body()) : null;
        } catch (Exception e) {
            body = null;
        }
        String url = body == null ? "" : body.path("url").asText("");
        if (url.isBlank()) {
            LOG.warn("Media lookup answered HTTP {} without a URL", status);
            return CompletableFuture.completedFuture(new Failed("the media lookup answered HTTP " + status));
        }
        String mimeType = body.path("mime_type").asText("application/octet-stream");
        long size = body.path("file_size").asLong(-1);
        HttpRequest get;
        try {
            get = authorized(URI.create(url)).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Failed("the media lookup answered an unusable URL"));
        }
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofPublisher()).thenApply(response -> {
            if (response.statusCode() != 200) {
                discard(response.body());
                LOG.warn("Media URL answered HTTP {}", response.statusCode());
                return new Failed("the media URL answered HTTP " + response.statusCode());
            }
            return new Found(mimeType.isBlank() ? "application/octet-stream" : mimeType, size, response.body());
        });
    }

    private HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.getTimeout());
        if (config.getAccessToken() != null && !config.getAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + config.getAccessToken());
        }
        return request;
    }

    /** Reads and drops a body nobody will use, so its connection is released. */
    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
