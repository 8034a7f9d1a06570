package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static io.switchboard.simulator.InboundAndWindowTest.map;
import static io.switchboard.simulator.SimulatorHttp.PHONE_NUMBER_ID;
import static io.switchboard.simulator.SimulatorHttp.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Media upload, URL lookup, download and delete over real HTTP, and media sends by id. */
class MediaTest {

    private static final String BEARER = "Bearer " + TOKEN;
    private static final String UPLOAD = "/v23.0/" + PHONE_NUMBER_ID + "/media";
    private static final Map<String, String> FIELDS = Map.of("messaging_product", "whatsapp");

    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", TOKEN,
                "simulator.window.mode", "off",
                "simulator.media.url-ttl", "3s"));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void uploadsLooksUpDownloadsAndDeletesAnImage() throws Exception {
        byte[] jpeg = bytes(2048, (byte) 0xD8);
        HttpResponse<String> uploaded = http.upload(UPLOAD, BEARER, Map.of("messaging_product", "whatsapp",
                "type", "image/jpeg"), "photo.jpg", "image/jpeg", jpeg);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String id = (String) http.jsonOf(uploaded).get("id");
        assertThat(id).matches("[0-9]{16}");

        HttpResponse<String> lookup = http.get("/v23.0/" + id, BEARER);
        assertThat(lookup.statusCode()).isEqualTo(200);
        Map<String, Object> info = http.jsonOf(lookup);
        assertThat(info).containsEntry("messaging_product", "whatsapp").containsEntry("mime_type", "image/jpeg")
                .containsEntry("file_size", 2048).containsEntry("id", id)
                .containsEntry("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        String url = (String) info.get("url");
        assertThat(url).startsWith(server.getURI().toString().replace("localhost", "127.0.0.1").substring(0, 7))
                .contains("/_sim/media/" + id + "/download?expires=");

        HttpResponse<byte[]> download = http.getBytes(url, BEARER);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(jpeg);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(http.getBytes(url, null).statusCode()).isEqualTo(401);

        assertThat(http.jsonOf(http.delete("/v23.0/" + id, BEARER))).isEqualTo(Map.of("success", true));
        assertThat(http.get("/v23.0/" + id, BEARER).statusCode()).isEqualTo(400);
        assertThat(http.getBytes(url, BEARER).statusCode()).isEqualTo(404);
        assertThat(http.delete("/v23.0/" + id, BEARER).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAnExpiredOrTamperedDownloadUrl() {
        String id = upload("doc.pdf", "application/pdf", bytes(100, (byte) '%'));
        String url = (String) http.jsonOf(http.get("/v23.0/" + id, BEARER)).get("url");
        assertThat(http.getBytes(url, BEARER).statusCode()).isEqualTo(200);

        String tampered = url.replaceFirst("expires=([0-9]+)", "expires=9$1");
        assertThat(http.getBytes(tampered, BEARER).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.getBytes(url, BEARER).statusCode() == 404);
        String fresh = (String) http.jsonOf(http.get("/v23.0/" + id, BEARER)).get("url");
        assertThat(http.getBytes(fresh, BEARER).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesUnsupportedTypesWith100AndOversizedFilesWith131053() {
        assertError(http.upload(UPLOAD, BEARER, FIELDS, "x.gif", "image/gif", bytes(10, (byte) 1)), 100,
                "Param file must be a file with one of the following types");
        assertError(http.upload(UPLOAD, BEARER, FIELDS, "big.png", "image/png", bytes(5 * 1024 * 1024 + 1, (byte) 1)),
                131053, "limit is 5242880 bytes");
        assertError(http.upload(UPLOAD, BEARER, FIELDS, "s.webp", "image/webp", bytes(100 * 1024 + 1, (byte) 1)),
                131053, "static stickers 100 KB");
        assertError(http.upload(UPLOAD, BEARER, Map.of("messaging_product", "whatsapp", "type", "image/png"),
                "a.jpg", "image/jpeg", bytes(10, (byte) 1)), 131053, "does not match");
        assertError(http.upload(UPLOAD, BEARER, Map.of(), "a.jpg", "image/jpeg", bytes(10, (byte) 1)), 100,
                "messaging_product");
        assertError(http.upload(UPLOAD, BEARER, FIELDS, null, null, null), 100, "file is required");
        assertThat(http.upload(UPLOAD, null, FIELDS, "a.jpg", "image/jpeg", bytes(10, (byte) 1)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void uploadsWithoutAVersionInThePathToo() {
        HttpResponse<String> response = http.upload("/" + PHONE_NUMBER_ID + "/media", BEARER, FIELDS, "a.ogg",
                "audio/ogg; codecs=opus", bytes(64, (byte) 3));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = (String) http.jsonOf(response).get("id");
        assertThat(http.jsonOf(http.get("/v23.0/" + id, BEARER))).containsEntry("mime_type", "audio/ogg");
    }

    @Test
    void acceptsAnAnimatedStickerUpTo500Kb() {
        byte[] webp = bytes(300 * 1024, (byte) 0);
        System.arraycopy("RIFF\0\0\0\0WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, webp, 0, 16);
        webp[20] = 0x02;

        assertThat(upload("s.webp", "image/webp", webp)).isNotBlank();
    }

    @Test
    void mediaSendsByIdMustNameAnUploadAndByLinkAreAccepted() {
        String id = upload("v.mp4", "video/mp4", bytes(1000, (byte) 7));

        assertThat(http.send(video("{\"id\":\"" + id + "\",\"caption\":\"demo\"}")).statusCode()).isEqualTo(200);
        assertThat(http.send(video("{\"link\":\"https://example.com/v.mp4\"}")).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = http.send(video("{\"id\":\"1234567890123456\"}"));
        assertError(unknown, 100, "Param video['id'] is not a valid whatsapp business account media attachment ID");
    }

    private static String upload(String name, String type, byte[] content) {
        HttpResponse<String> response = http.upload(UPLOAD, BEARER, FIELDS, name, type, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) http.jsonOf(response).get("id");
    }

    private static String video(String media) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",\"type\":\"video\",\"video\":" + media + "}";
    }

    private static byte[] bytes(int size, byte fill) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, fill);
        return bytes;
    }

    private static void assertError(HttpResponse<String> response, int code, String details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> error = map(http.jsonOf(response), "error");
        assertThat(error).containsEntry("code", code);
        assertThat((String) map(error, "error_data").get("details")).contains(details);
    }
}
