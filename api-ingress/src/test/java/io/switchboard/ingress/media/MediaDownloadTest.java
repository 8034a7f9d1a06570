package io.switchboard.ingress.media;

import static io.switchboard.ingress.support.InboundMessages.customer;
import static io.switchboard.ingress.support.InboundMessages.message;
import static io.switchboard.ingress.support.InboundMessages.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/external/media/{media_id}}: the media of a customer's message, fetched through the Cloud API
 * (lookup, then the short-lived URL with the token) from a test peer standing in for it, streamed back with its
 * type; media that did not arrive for the key's number, or that WhatsApp no longer has, is 404; any Cloud API
 * failure is 502, never 500.
 */
class MediaDownloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        app = IngressApp.start(peer.config());
        key = app.createKey(1000, Permission.VIEW_MESSAGES);
    }

    @AfterEach
    void healPeer() {
        peer.answerLookupWith(200);
        peer.answerDownloadWith(200);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
    }

    @Test
    void mediaOfACustomersMessageIsStreamedWithItsType() throws Exception {
        byte[] photo = new byte[700_000];
        new Random(7).nextBytes(photo);
        String mediaId = receive("image", "image/jpeg", photo);
        byte[] voice = new byte[12_345];
        new Random(8).nextBytes(voice);
        String voiceId = receive("audio", "audio/ogg; codecs=opus", voice);

        HttpResponse<byte[]> response = download(mediaId, key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo(photo);
        assertThat(peer.tokens()).contains("Bearer " + CloudApiPeer.TOKEN);
        HttpResponse<byte[]> audio = download(voiceId, key);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/ogg; codecs=opus");
        assertThat(audio.body()).isEqualTo(voice);
    }

    @Test
    void mediaThatDidNotArriveForThisNumberIsNotFoundWithoutAskingWhatsApp() throws Exception {
        String elsewhere = "9" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        peer.addMedia(elsewhere, new byte[] {1, 2, 3}, "image/png");
        publish(message("555" + Math.abs(elsewhere.hashCode()), customer(), "wamid.other-" + elsewhere,
                Instant.now(), "image").setMedia(new InboundMedia(elsewhere, "image/png", null, null, false))
                .setRawJson("{}").build());
        int downloads = peer.downloads();

        for (String id : new String[] {elsewhere, "12345", "not%2Fan-id", "a".repeat(200)}) {
            HttpResponse<byte[]> response = download(id, key);
            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(error(response).get("code").asText()).isEqualTo("MEDIA_NOT_FOUND");
        }
        assertThat(peer.downloads()).isEqualTo(downloads);
    }

    @Test
    void mediaWhatsAppNoLongerHasIsNotFound() throws Exception {
        String mediaId = receive("document", "application/pdf", new byte[] {37, 80, 68, 70});
        peer.addMedia(mediaId + "-gone", new byte[0], "application/pdf"); // keep the map non-trivial
        String forgotten = "4" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L);
        String wamid = "wamid.doc-" + forgotten;
        String from = customer();
        publish(message(app.phoneNumberId(), from, wamid, Instant.now(), "document")
                .setMedia(new InboundMedia(forgotten, "application/pdf", null, "a.pdf", false)).setRawJson("{}").build());
        awaitListed(from);

        HttpResponse<byte[]> response = download(forgotten, key);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).get("code").asText()).isEqualTo("MEDIA_NOT_FOUND");
        assertThat(download(mediaId, key).statusCode()).isEqualTo(200);
    }

    @Test
    void cloudApiFailuresAreBadGateway() throws Exception {
        String mediaId = receive("video", "video/mp4", new byte[] {0, 0, 0, 24});

        peer.answerLookupWith(503);
        HttpResponse<byte[]> lookupFailed = download(mediaId, key);
        peer.answerLookupWith(200);
        peer.answerDownloadWith(500);
        HttpResponse<byte[]> downloadFailed = download(mediaId, key);

        for (HttpResponse<byte[]> response : java.util.List.of(lookupFailed, downloadFailed)) {
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(error(response).get("code").asText()).isEqualTo("MEDIA_DOWNLOAD_FAILED");
        }
    }

    @Test
    void downloadsNeedAKeyWithViewMessages() throws Exception {
        String mediaId = receive("image", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        assertThat(download(mediaId, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> forbidden = download(mediaId, app.createKey(100, Permission.SEND_MEDIA));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(error(forbidden).get("code").asText()).isEqualTo("PERMISSION_DENIED");
    }

    /** A customer's message of {@code type} carrying new media, published and seen in the inbox; its media id. */
    private static String receive(String type, String mimeType, byte[] bytes) {
        String mediaId = "1" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000_000L);
        peer.addMedia(mediaId, bytes, mimeType);
        String from = customer();
        publish(message(app.phoneNumberId(), from, "wamid.media-" + mediaId, Instant.now(), type)
                .setMedia(new InboundMedia(mediaId, mimeType, "sha", null, type.equals("audio")))
                .setRawJson("{}").build());
        awaitListed(from);
        return mediaId;
    }

    private static void awaitListed(String from) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> IngressApp.json(
                app.get("/api/v1/external/messages?from=" + from.replace("+", "%2B"), key)).get("data").size() == 1);
    }

    private static HttpResponse<byte[]> download(String mediaId, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/api/v1/external/media/" + mediaId))
                .timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode error(HttpResponse<byte[]> response) throws Exception {
        return IngressApp.JSON.readTree(response.body()).get("error");
    }
}
