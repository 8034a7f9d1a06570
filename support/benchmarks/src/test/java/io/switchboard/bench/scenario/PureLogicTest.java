package io.switchboard.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PureLogicTest {

    @Test
    void heapIsTheSumOfTheHeapPoolsOfThePrometheusExposition() {
        String exposition = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                """;

        assertThat(MemoryProbe.heapBytes(exposition)).isEqualTo(10_485_760 + 2_097_152);
        assertThat(MemoryProbe.heapBytes("no metrics")).isNaN();
    }

    @Test
    void everySendGoesToANewRecipientInE164() {
        assertThat(Samples.recipient("+1555", 42)).isEqualTo("+15550000042");
        assertThat(Samples.recipient("+1555", 10_000_042)).isEqualTo("+15550000042");
        assertThat(new String(Samples.textBody(7))).contains("\"to\":\"+15550000007\"", "\"reference\":\"bench-7\"");
        assertThat(new String(Samples.templateBody(7))).contains("\"template_name\":\"order_confirmation\"",
                "\"order_id\":\"ORD-7\"");
    }

    @Test
    void theKeyOfAnAcceptedMessageIsFoundFromItsReference() {
        List<String> keys = List.of("k0", "k1", "k2");
        String body = "{\"success\":true,\"data\":{\"message_id\":\"m\",\"status\":\"queued\",\"to\":\"+15550000005\","
                + "\"reference\":\"bench-5\"}}";

        assertThat(EndToEndScenario.keyOf(body, keys)).isEqualTo("k2");
    }

    @Test
    void signedWebhooksCarryOneNewWamidPerStatusAndAValidSignature() throws Exception {
        SignedWebhooks webhooks = new SignedWebhooks("/webhooks/whatsapp", "secret", 3);

        var spec = webhooks.post(2);
        String body = new String(spec.body());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(), "HmacSHA256"));

        assertThat(body.split("\"status\":\"delivered\"")).hasSize(4);
        assertThat(body).contains("6\",\"status\"", "7\",\"status\"", "8\",\"status\"");
        assertThat(spec.headers().get("X-Hub-Signature-256"))
                .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(spec.body())));
    }
}
