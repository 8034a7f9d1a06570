package io.switchboard.ingress.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.MessageError;
import org.junit.jupiter.api.Test;

class MessageStatusMapperTest {

    static final String DELIVERED = """
            {"message_id":"550e8400-e29b-41d4-a716-446655440000","status":"delivered","account_id":"acct-1",
             "phone_number_id":"106540352242922","recipient":"+919876543210","kind":"TEXT",
             "reference":"test-msg-001","api_key_id":"0123456789abcdef","wamid":"wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS",
             "accepted_at":"2025-12-19T10:00:00.123Z","updated_at":"2025-12-19T10:00:04Z","attempts":1,
             "error":null,"future_field":{"x":1},
             "timeline":[{"status":"queued","at":"2025-12-19T10:00:00.123Z","source":"api","error":null},
                         {"status":"sent","at":"2025-12-19T10:00:01.500Z","source":"dispatcher","error":null},
                         {"status":"delivered","at":"2025-12-19T10:00:04Z","source":"whatsapp","error":null,
                          "whatsapp_at":"2025-12-19T10:00:03Z"}]}
            """;

    static final String FAILED = """
            {"message_id":"6f1c2a8e-0b7d-4c1e-9a55-3d2f1e0c9b8a","status":"failed","account_id":"acct-1",
             "recipient":"+14155550123","kind":"TEMPLATE","reference":null,"wamid":null,
             "accepted_at":"2025-12-19T10:00:00Z","updated_at":"2025-12-19T10:00:02Z","attempts":1,
             "error":{"code":131026,"title":"Message undeliverable","detail":"Receiver is incapable of receiving this message","reason":"permanent"},
             "timeline":[{"status":"queued","at":"2025-12-19T10:00:00Z"},{"status":"failed","at":"2025-12-19T10:00:02Z",
               "error":{"code":131026,"title":"Message undeliverable","detail":"Receiver is incapable of receiving this message","reason":"permanent"}}]}
            """;

    @Test
    void mapsTheProjectorsViewToThePublicOne() {
        MessageStatusView view = MessageStatusMapper.toView(ProjectedStatus.parse(DELIVERED));

        assertThat(view.messageId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(view.status()).isEqualTo("delivered");
        assertThat(view.to()).isEqualTo("+919876543210");
        assertThat(view.reference()).isEqualTo("test-msg-001");
        assertThat(view.type()).isEqualTo("text");
        assertThat(view.wamid()).isEqualTo("wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS");
        assertThat(view.createdAt()).isEqualTo("2025-12-19T10:00:00.123Z");
        assertThat(view.updatedAt()).isEqualTo("2025-12-19T10:00:04.000Z");
        assertThat(view.error()).isNull();
        assertThat(view.direction()).isEqualTo("outbound");
        assertThat(view.timeline()).containsExactly(
                new MessageStatusView.TimelineEntry("queued", "2025-12-19T10:00:00.123Z", null, null),
                new MessageStatusView.TimelineEntry("sent", "2025-12-19T10:00:01.500Z", null, null),
                new MessageStatusView.TimelineEntry("delivered", "2025-12-19T10:00:04.000Z", "2025-12-19T10:00:03.000Z",
                        null));
    }

    @Test
    void aFailedMessageCarriesWhatsAppsError() {
        MessageStatusView view = MessageStatusMapper.toView(ProjectedStatus.parse(FAILED));

        assertThat(view.status()).isEqualTo("failed");
        assertThat(view.type()).isEqualTo("template");
        MessageError undeliverable = new MessageError(131026, "Message undeliverable",
                "Receiver is incapable of receiving this message", "permanent");
        assertThat(view.error()).isEqualTo(undeliverable);
        assertThat(view.timeline().get(1).error()).isEqualTo(undeliverable);
    }

    @Test
    void onlyTheSendingAccountSeesAMessage() {
        ProjectedStatus status = ProjectedStatus.parse(DELIVERED);

        assertThat(MessageStatusMapper.isVisibleTo(status, "acct-1")).isTrue();
        assertThat(MessageStatusMapper.isVisibleTo(status, "acct-2")).isFalse();
        assertThat(MessageStatusMapper.isVisibleTo(ProjectedStatus.parse(
                "{\"message_id\":\"x\",\"status\":\"queued\"}"), "acct-1")).isFalse();
    }

    @Test
    void interactiveKindsAreOneType() {
        assertThat(MessageStatusMapper.publicType("INTERACTIVE_LIST")).isEqualTo("interactive");
        assertThat(MessageStatusMapper.publicType("image")).isEqualTo("image");
        assertThat(MessageStatusMapper.publicType(null)).isNull();
    }

    @Test
    void unparseableTimesPassThrough() {
        assertThat(MessageStatusMapper.iso("yesterday")).isEqualTo("yesterday");
    }

    @Test
    void refusesAnAnswerThatIsNotTheContract() {
        assertThatThrownBy(() -> ProjectedStatus.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProjectedStatus.parse("{\"status\":\"sent\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
