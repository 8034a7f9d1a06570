package io.switchboard.ingress.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.ContentException;
import io.switchboard.ingress.templates.CloudApiConfiguration;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads media to the Cloud API ({@code POST {base}/{version}/{phone-number-id}/media}, multipart with
 * {@code messaging_product=whatsapp}, {@code type} and {@code file}), non-blocking, and returns the media id. Any
 * failure (HTTP error, unreadable answer, timeout, connection) fails with 502 MEDIA_UPLOAD_FAILED: nothing is queued.
 */
@Singleton
public class CloudApiMediaClient {

    private static final Logger LOG = LoggerFactory.getLogger(CloudApiMediaClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudApiConfiguration config;
    private final HttpClient http;

    public CloudApiMediaClient(CloudApiConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout()).build();
    }

    public CompletableFuture<String> upload(String phoneNumberId, byte[] content, String mimeType, String filename) {
        String boundary = "----switchboard" + UUID.randomUUID().toString().replace("-", "");
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + mimeType
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "'").replaceAll("[\\r\\n]", " ") + "\"\r\nContent-Type: " + mimeType
                + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url(
                        URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8) + "/media")))
                .timeout(config.getTimeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head.getBytes(StandardCharsets.UTF_8),
                        content, tail.getBytes(StandardCharsets.UTF_8))));
        if (config.getAccessToken() != null && !config.getAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + config.getAccessToken());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("Media upload failed: {}", failure.toString());
                        throw failed("the Cloud API could not be reached");
                    }
                    String id = mediaId(response);
                    if (id == null) {
                        LOG.warn("Media upload refused: HTTP {}", response.statusCode());
                        throw failed("the Cloud API answered HTTP " + response.statusCode());
                    }
                    return id;
                });
    }

    private static String mediaId(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String id = body == null ? "" : body.path("id").asText("");
            return id.isBlank() ? null : id;
        } catch (Exception e) {
            return null;
        }
    }

    private static ContentException failed(String why) {
        return new ContentException(ApiError.of(ErrorCode.MEDIA_UPLOAD_FAILED,
                "The media could not be uploaded to WhatsApp (" + why + "); nothing was queued. Retry, or send it "
                        + "by link."));
    }
}
