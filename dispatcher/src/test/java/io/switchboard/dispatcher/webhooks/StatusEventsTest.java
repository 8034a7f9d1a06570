package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StatusEvents events = new StatusEvents(1000);

    @Test
    void oneEventPerTransitionNeverOnePerRecord() {
        String id = "7d1f0c52-1e5b-4c4e-9a63-2f7d0d1c2b11";
        assertThat(events.of(id, WebhookFixtures.status("acct", id, MessageState.QUEUED))).isEmpty();
        assertThat(events.of(id, WebhookFixtures.status("acct", id, MessageState.QUEUED, MessageState.SENT)))
                .extracting(CustomerEvent::eventKey).containsExactly(id + ":SENT");
        assertThat(events.of(id, WebhookFixtures.status("acct", id, MessageState.QUEUED, MessageState.SENT)))
                .isEmpty();
        assertThat(events.of(id, WebhookFixtures.status("acct", id, MessageState.QUEUED, MessageState.SENT,
                MessageState.DELIVERED, MessageState.READ))).extracting(CustomerEvent::eventKey)
                .containsExactly(id + ":DELIVERED", id + ":READ");
    }

    @Test
    void aFailedStatusCarriesWhatsAppsCodeAndTitle() throws Exception {
        String id = "0b8a9f1e-5a0c-4b8e-8c55-8d1f4c2b7e20";
        MessageStatus failed = WebhookFixtures.status("acct", id, MessageState.QUEUED, MessageState.SENT);
        List<StatusTransition> timeline = new ArrayList<>(failed.getTimeline());
        ErrorInfo error = ErrorInfo.newBuilder().setCode(131026).setTitle("Message undeliverable")
                .setDetail("Unable to deliver message").setReason("PERMANENT").build();
        timeline.add(StatusTransition.newBuilder().setStatus(MessageState.FAILED)
                .setAt(timeline.get(1).getAt().plusSeconds(2)).setSource("whatsapp").setError(error).build());
        failed.setTimeline(timeline);

        List<CustomerEvent> out = events.of(id, failed);
        JsonNode body = JSON.readTree(out.get(out.size() - 1).payload());
        assertThat(body.get("event").asText()).isEqualTo("message.status");
        assertThat(body.get("timestamp").asText()).isEqualTo("2025-12-23T14:30:03.000Z");
        assertThat(body.at("/data/status").asText()).isEqualTo("failed");
        assertThat(body.at("/data/error").toString()).as("the status API's error object, byte for byte")
                .isEqualTo("{\"code\":131026,\"title\":\"Message undeliverable\","
                        + "\"message\":\"Unable to deliver message\",\"reason\":\"PERMANENT\"}");
        assertThat(body.at("/data/reference").asText()).isEqualTo("order-789");
    }

    @Test
    void aWhatsAppStatusCarriesWhatsAppsOwnTimestampBesideOurs() throws Exception {
        String id = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
        MessageStatus delivered = WebhookFixtures.status("acct", id, MessageState.QUEUED, MessageState.SENT,
                MessageState.DELIVERED);
        StatusTransition last = delivered.getTimeline().get(2);
        last.setAt(java.time.Instant.parse("2025-12-23T14:30:02.612Z"));
        last.setWhatsappAt(java.time.Instant.parse("2025-12-23T14:30:02Z"));

        List<CustomerEvent> out = events.of(id, delivered);
        JsonNode deliveredEvent = JSON.readTree(out.get(1).payload());
        JsonNode sentEvent = JSON.readTree(out.get(0).payload());

        assertThat(deliveredEvent.get("timestamp").asText()).isEqualTo("2025-12-23T14:30:02.612Z");
        assertThat(deliveredEvent.at("/data/whatsapp_timestamp").asText()).isEqualTo("2025-12-23T14:30:02.000Z");
        assertThat(deliveredEvent.at("/data/error").isNull()).isTrue();
        assertThat(sentEvent.at("/data/whatsapp_timestamp").isNull()).isTrue();
    }

    @Test
    void aMessageWithoutAnAccountHasNoCustomerToTell() {
        MessageStatus status = WebhookFixtures.status("acct", "5f0e2c1a-message", MessageState.QUEUED,
                MessageState.SENT);
        status.setAccountId(null);
        assertThat(events.of("5f0e2c1a-message", status)).isEmpty();
    }
}
