package io.switchboard.ingress.media;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.SendCommand;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Media by link and by base64 upload to a Cloud API test peer, and every refusal before anything is queued. */
class MediaSendTest {

    /** The 8-byte PNG signature and a little more: the peer must receive exactly these bytes. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H'};

    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;
    private static SendCommandsProbe probe;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        app = IngressApp.start(peer.config());
        key = app.createKey(1000, Permission.SEND_MEDIA);
        probe = new SendCommandsProbe();
    }

    @AfterAll
    static void stop() {
        probe.close();
        app.close();
        peer.close();
    }

    private static HttpResponse<String> media(String json) {
        return app.post("/messages/media", key, json);
    }

    private static SendCommand queued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json(response).get("data").get("message_id").asText();
        return await().atMost(Duration.ofSeconds(10)).until(() -> probe.find(id), r -> r != null).value();
    }

    private static void assertInvalid(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").asText()).isEqualTo(message);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aLinkIsSentAsALinkWithItsCaption() {
        SendCommand command = queued(media("""
                {"type":"image","to":"+919876543210","link":"https://example.com/products/laptop.jpg",
                 "caption":"Back in stock","reference":"img-1"}"""));

        assertThat(command.getKind()).isEqualTo(MessageKind.IMAGE);
        MediaContent content = command.getMedia();
        assertThat(content.getType()).isEqualTo(MediaType.IMAGE);
        assertThat(content.getLink()).isEqualTo("https://example.com/products/laptop.jpg");
        assertThat(content.getMediaId()).isNull();
        assertThat(content.getCaption()).isEqualTo("Back in stock");
        assertThat(command.getReference()).isEqualTo("img-1");
    }

    @Test
    void base64IsDecodedUploadedAndSentByMediaId() {
        int before = peer.uploads().size();
        SendCommand command = queued(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"mime_type\":\"image/png\","
                + "\"base64\":\"" + Base64.getEncoder().encodeToString(PNG) + "\"}"));

        assertThat(peer.uploads()).hasSize(before + 1);
        byte[] upload = peer.uploads().get(before);
        assertThat(contains(upload, PNG)).isTrue();
        String multipart = new String(upload, StandardCharsets.ISO_8859_1);
        assertThat(multipart).contains("name=\"messaging_product\"\r\n\r\nwhatsapp")
                .contains("name=\"type\"\r\n\r\nimage/png").contains("Content-Type: image/png");
        assertThat(peer.uploadContentTypes().get(before)).startsWith("multipart/form-data; boundary=");
        assertThat(peer.tokens()).contains("Bearer " + CloudApiPeer.TOKEN);
        assertThat(command.getMedia().getMediaId()).isEqualTo("media-" + (before + 1));
        assertThat(command.getMedia().getLink()).isNull();
        assertThat(command.getMedia().getMimeType()).isEqualTo("image/png");
    }

    @Test
    void aDocumentKeepsItsFilename() {
        byte[] pdf = "%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII);
        SendCommand command = queued(media("{\"type\":\"document\",\"to\":\"+919876543210\",\"mime_type\":"
                + "\"application/pdf\",\"filename\":\"invoice-42.pdf\",\"caption\":\"Your invoice\",\"base64\":\""
                + Base64.getEncoder().encodeToString(pdf) + "\"}"));

        assertThat(command.getKind()).isEqualTo(MessageKind.DOCUMENT);
        assertThat(command.getMedia().getFilename()).isEqualTo("invoice-42.pdf");
        assertThat(new String(peer.uploads().get(peer.uploads().size() - 1), StandardCharsets.ISO_8859_1))
                .contains("filename=\"invoice-42.pdf\"").contains("%PDF-1.4 invoice");
    }

    @Test
    void aSixteenMegabyteVideoFitsTheBodyLimitAndAnythingBeyondIs413() {
        byte[] video = new byte[16 * 1024 * 1024];
        new Random(7).nextBytes(video);
        String base64 = Base64.getEncoder().encodeToString(video);

        SendCommand command = queued(media("{\"type\":\"video\",\"to\":\"+919876543210\",\"mime_type\":\"video/mp4\","
                + "\"base64\":\"" + base64 + "\"}"));
        HttpResponse<String> huge = media("{\"type\":\"video\",\"to\":\"+919876543210\",\"mime_type\":"
                + "\"video/mp4\",\"base64\":\"" + base64 + base64.substring(0, 3_000_000) + "\"}");

        assertThat(command.getMedia().getMediaId()).startsWith("media-");
        assertThat(peer.uploads().stream().anyMatch(u -> u.length > video.length)).isTrue();
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).get("error").get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void contentOverTheTypesLimitIsRefused() {
        String sixMegabytes = Base64.getEncoder().encodeToString(new byte[6 * 1024 * 1024]);

        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"mime_type\":\"image/jpeg\",\"base64\":\""
                + sixMegabytes + "\"}"), "base64 content is too large: image uploads may be at most 5 MB");
    }

    @Test
    void badMediaRequestsAreRefusedBeforeAnyUpload() {
        int before = peer.uploads().size();
        String png = Base64.getEncoder().encodeToString(PNG);

        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"mime_type\":\"image/png\","
                + "\"base64\":\"not*base64!\"}"), "base64 is not valid base64");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"mime_type\":\"image/png\","
                + "\"base64\":\"data:image/png;base64," + png + "\"}"), "base64 must be the file's base64 content alone, "
                + "not a data URL: drop the \"data:image/png;base64,\" prefix and give the MIME type in mime_type");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"mime_type\":\"image/gif\",\"base64\":\""
                + png + "\"}"), "mime_type image/gif is not allowed for image; use one of image/jpeg, image/png");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"base64\":\"" + png + "\"}"),
                "mime_type is required with base64");
        assertInvalid(media("{\"type\":\"audio\",\"to\":\"+919876543210\",\"link\":\"https://example.com/a.mp3\","
                + "\"caption\":\"listen\"}"), "caption is not allowed for audio");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"link\":\"https://example.com/a.png\","
                + "\"filename\":\"a.png\"}"), "filename is only allowed for documents");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"link\":\"https://example.com/a.png\","
                + "\"base64\":\"" + png + "\",\"mime_type\":\"image/png\"}"), "exactly one of link or base64 is required");
        assertInvalid(media("{\"type\":\"image\",\"to\":\"+919876543210\",\"link\":\"http://example.com/a.png\"}"),
                "link must be a public https URL");
        assertInvalid(media("{\"type\":\"sticker\",\"to\":\"+919876543210\",\"link\":\"https://example.com/a.webp\"}"),
                "type must be one of image, video, audio, document");
        assertThat(peer.uploads()).hasSize(before);
    }

    @Test
    void aRefusedUploadIs502AndQueuesNothing() {
        peer.answerMediaWith(500);
        try {
            HttpResponse<String> response = media("{\"type\":\"image\",\"to\":\"+14155550123\",\"mime_type\":"
                    + "\"image/png\",\"base64\":\"" + Base64.getEncoder().encodeToString(PNG) + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("MEDIA_UPLOAD_FAILED");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> probe.poll().stream()
                    .noneMatch(r -> r.value().getRecipient().equals("+14155550123")));
        } finally {
            peer.answerMediaWith(200);
        }
    }

    @Test
    void mediaNeedsSendMedia() {
        String texter = app.createKey(60, Permission.SEND_TEXT);

        assertThat(app.post("/messages/media", texter, "{}").statusCode()).isEqualTo(403);
    }
}
