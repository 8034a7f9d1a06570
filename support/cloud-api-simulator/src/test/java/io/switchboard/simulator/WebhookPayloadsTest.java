package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTest {

    private static final Instant AT = Instant.parse("2025-06-16T00:07:53Z");

    private final WebhookPayloads payloads = new WebhookPayloads(config(), ObjectMapper.getDefault());

    @Test
    void writesASentStatusExactlyInMetasEnvelope() {
        String json = new String(payloads.status(message("text", "msg-1"), "sent", AT), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\","
                + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
                + "{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"106540352242922\"},\"statuses\":"
                + "[{\"id\":\"wamid.TEST\",\"status\":\"sent\",\"timestamp\":\"1750032473\",\"recipient_id\":"
                + "\"919876543210\",\"biz_opaque_callback_data\":\"msg-1\",\"pricing\":{\"billable\":false,"
                + "\"pricing_model\":\"PMP\",\"type\":\"free_customer_service\",\"category\":\"service\"}}]}}]}]}");
    }

    @Test
    void billsTemplatesAndLeavesPricingOffRead() {
        String delivered = new String(payloads.status(message("template", null), "delivered", AT),
                StandardCharsets.UTF_8);
        String read = new String(payloads.status(message("template", null), "read", AT), StandardCharsets.UTF_8);

        assertThat(delivered).contains("\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"type\":\"regular\","
                + "\"category\":\"utility\"}").doesNotContain("biz_opaque_callback_data");
        assertThat(read).contains("\"status\":\"read\"").doesNotContain("pricing");
    }

    @Test
    void signsWithLowercaseHexHmacSha256() {
        // RFC 4231-style known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertThat(WebhookDeliverer.signature("key",
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void plansOnlySentForReactionsAndHonoursTheReadSwitch() {
        assertThat(StatusPlan.of(message("reaction", null), true).statuses()).containsExactly("sent");
        assertThat(StatusPlan.of(message("text", null), true).statuses()).containsExactly("sent", "delivered", "read");
        assertThat(StatusPlan.of(message("image", null), false).statuses()).containsExactly("sent", "delivered");
    }

    @Test
    void bendsPlansByWebhookFaultsInTheDocumentedOrder() {
        GraphError undeliverable = ErrorCatalog.error(ErrorCatalog.UNDELIVERABLE);
        SentMessage text = message("text", null);

        assertThat(StatusPlan.of(text, true, faults(true, true, true, true, undeliverable, true)).statuses())
                .isEmpty();
        StatusPlan failed = StatusPlan.of(text, true, faults(false, true, true, true, undeliverable, true));
        assertThat(failed.statuses()).containsExactly("sent", "failed");
        assertThat(failed.failure()).isEqualTo(undeliverable);
        assertThat(failed.duplicated()).isZero();
        assertThat(StatusPlan.of(text, true, faults(false, false, false, false, undeliverable, false)).statuses())
                .containsExactly("failed");
        StatusPlan skippedAndSwapped = StatusPlan.of(text, true, faults(false, true, true, true, null, true));
        assertThat(skippedAndSwapped.statuses()).containsExactly("read", "sent");
        assertThat(skippedAndSwapped.duplicated()).isZero();
        assertThat(StatusPlan.of(text, false, faults(false, true, false, false, null, true)).statuses())
                .containsExactly("sent", "delivered");
        assertThat(StatusPlan.of(text, false, faults(false, false, false, true, null, true)).statuses())
                .containsExactly("delivered", "sent");
        assertThat(StatusPlan.of(message("reaction", null), true, faults(false, false, true, true, null, true)))
                .isEqualTo(new StatusPlan(java.util.List.of("sent"), null, 0));
        assertThat(StatusPlan.of(text, true, faults(false, false, true, false, null, true)).duplicated()).isEqualTo(1);
    }

    private static ActiveFaults.StatusFaults faults(boolean skipAll, boolean skipDelivered, boolean duplicate,
                                                    boolean reorder, GraphError failure, boolean afterSent) {
        return new ActiveFaults.StatusFaults(skipAll, skipDelivered, duplicate, reorder, failure, afterSent, 0);
    }

    private static SentMessage message(String type, String callbackData) {
        return new SentMessage("wamid.TEST", "106540352242922", "+919876543210", "919876543210", type,
                callbackData, AT.toString(), JsonNode.createObjectNode(java.util.Map.of()));
    }

    private static SimulatorConfig config() {
        return new SimulatorConfig();
    }
}
