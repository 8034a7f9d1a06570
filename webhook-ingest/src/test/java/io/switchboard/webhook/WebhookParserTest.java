package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table-driven: each captured-style payload in {@code payloads/} and what it must become. */
class WebhookParserTest {

    static final Instant RECEIVED = Instant.parse("2025-06-16T08:00:00Z");
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String WABA = "102290129340398";

    private final WebhookParser parser = new WebhookParser();

    /** One row of the table: a fixture and the expectations on what it parses to. */
    record Case(String fixture, Consumer<ParsedWebhook> expect) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    static Stream<Case> capturedPayloads() {
        return Stream.of(
                new Case("text.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
                    assertThat(m.getPhoneNumberId()).isEqualTo(PHONE_NUMBER_ID);
                    assertThat(m.getDisplayPhoneNumber()).isEqualTo("15550783881");
                    assertThat(m.getWabaId()).isEqualTo(WABA);
                    assertThat(m.getFrom()).isEqualTo("+16505551234");
                    assertThat(m.getProfileName()).isEqualTo("Sheena Nelson");
                    assertThat(m.getSentAt()).isEqualTo(Instant.ofEpochSecond(1749416383L));
                    assertThat(m.getReceivedAt()).isEqualTo(RECEIVED);
                    assertThat(m.getType()).isEqualTo("text");
                    assertThat(m.getText()).isEqualTo("Does it come in another color? ça va 🙂");
                    assertThat(m.getMedia()).isNull();
                    assertThat(m.getReply()).isNull();
                    assertThat(m.getContextWamid()).isNull();
                }),
                new Case("image.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("image");
                    assertThat(m.getText()).isEqualTo("This is the one I want");
                    assertThat(m.getMedia().getId()).isEqualTo("1003383421387256");
                    assertThat(m.getMedia().getMimeType()).isEqualTo("image/jpeg");
                    assertThat(m.getMedia().getSha256()).isEqualTo("3m+zDkmXc5pSVPJB2kg8mH9nUBUw7aH5j/6k9xDe4no=");
                    assertThat(m.getMedia().getFilename()).isNull();
                    assertThat(m.getMedia().getVoice()).isFalse();
                    assertThat(m.getFrom()).isEqualTo("+5215512345678");
                }),
                new Case("audio_voice.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("audio");
                    assertThat(m.getText()).isNull();
                    assertThat(m.getMedia().getMimeType()).isEqualTo("audio/ogg; codecs=opus");
                    assertThat(m.getMedia().getVoice()).isTrue();
                }),
                new Case("document.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getText()).isEqualTo("Signed contract");
                    assertThat(m.getMedia().getFilename()).isEqualTo("contract-2025.pdf");
                    assertThat(m.getMedia().getMimeType()).isEqualTo("application/pdf");
                }),
                new Case("interactive_button_reply.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("interactive");
                    assertThat(m.getReply().getKind()).isEqualTo("button_reply");
                    assertThat(m.getReply().getId()).isEqualTo("change-delivery-date");
                    assertThat(m.getReply().getTitle()).isEqualTo("Change date");
                    assertThat(m.getReply().getPayload()).isNull();
                    assertThat(m.getContextWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
                    assertThat(m.getContextFrom()).isEqualTo("15550783881");
                }),
                new Case("interactive_list_reply.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getReply().getKind()).isEqualTo("list_reply");
                    assertThat(m.getReply().getId()).isEqualTo("priority-express");
                    assertThat(m.getReply().getTitle()).isEqualTo("Express shipping");
                    assertThat(m.getReply().getDescription()).isEqualTo("Next business day, 12.50 USD");
                }),
                new Case("template_button.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("button");
                    assertThat(m.getReply().getKind()).isEqualTo("button");
                    assertThat(m.getReply().getPayload()).isEqualTo("STOP_PROMOTIONS");
                    assertThat(m.getReply().getTitle()).isEqualTo("Stop promotions");
                    assertThat(m.getReply().getId()).isNull();
                    assertThat(m.getContextWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNkQ1RTRGM0EyQjFDMEQ5RTgA");
                }),
                new Case("reaction.json", p -> {
                    assertThat(p.messages()).hasSize(2);
                    InboundMessage added = p.messages().get(0);
                    assertThat(added.getType()).isEqualTo("reaction");
                    assertThat(added.getReaction().getMessageId())
                            .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
                    assertThat(added.getReaction().getEmoji()).isEqualTo("👍");
                    assertThat(p.messages().get(1).getReaction().getEmoji()).as("a removed reaction").isNull();
                }),
                new Case("location.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getLocation().getLatitude()).isEqualTo(19.42847);
                    assertThat(m.getLocation().getLongitude()).isEqualTo(-99.162);
                    assertThat(m.getLocation().getName()).isEqualTo("Torre Reforma 222");
                    assertThat(m.getLocation().getAddress()).startsWith("Av. Paseo de la Reforma 222");
                    assertThat(m.getRawJson()).as("numbers kept as written").contains("-99.16200");
                }),
                new Case("contacts.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("contacts");
                    assertThat(m.getText()).isNull();
                    assertThat(m.getRawJson()).contains("\"formatted_name\":\"Lucia Fernandez\"", "5215512349876");
                }),
                new Case("unsupported.json", p -> {
                    InboundMessage m = onlyMessage(p);
                    assertThat(m.getType()).isEqualTo("unsupported");
                    assertThat(m.getRawJson()).contains("131051", "Message type is currently not supported.");
                }),
                new Case("status_sent.json", p -> {
                    StatusUpdate s = onlyStatus(p);
                    assertThat(s.getWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkYyQTBCN0QzRjM0RjA1MEEA");
                    assertThat(s.getStatus()).isEqualTo(WhatsAppStatus.SENT);
                    assertThat(s.getRawStatus()).isEqualTo("sent");
                    assertThat(s.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(1750030073L));
                    assertThat(s.getReceivedAt()).isEqualTo(RECEIVED);
                    assertThat(s.getPhoneNumberId()).isEqualTo(PHONE_NUMBER_ID);
                    assertThat(s.getWabaId()).isEqualTo(WABA);
                    assertThat(s.getRecipientId()).isEqualTo("16505551234");
                    assertThat(s.getBizOpaqueCallbackData()).isEqualTo("msg_01JXK8Q4W7Z3Y5N2M6P9R1T0VB");
                    assertThat(s.getConversationId()).isEqualTo("a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5");
                    assertThat(s.getPricingCategory()).isEqualTo("marketing");
                    assertThat(s.getBillable()).isTrue();
                    assertThat(s.getErrors()).isEmpty();
                }),
                new Case("status_delivered.json", p -> {
                    StatusUpdate s = onlyStatus(p);
                    assertThat(s.getStatus()).isEqualTo(WhatsAppStatus.DELIVERED);
                    assertThat(s.getConversationId()).as("conversation omitted since v24.0").isNull();
                    assertThat(s.getPricingCategory()).isEqualTo("marketing");
                }),
                new Case("status_read.json", p -> {
                    StatusUpdate s = onlyStatus(p);
                    assertThat(s.getStatus()).isEqualTo(WhatsAppStatus.READ);
                    assertThat(s.getBizOpaqueCallbackData()).isNull();
                    assertThat(s.getPricingCategory()).isNull();
                    assertThat(s.getBillable()).isNull();
                }),
                new Case("status_failed.json", p -> {
                    assertThat(p.statuses()).hasSize(2);
                    StatusUpdate first = p.statuses().get(0);
                    assertThat(first.getStatus()).isEqualTo(WhatsAppStatus.FAILED);
                    assertThat(first.getRecipientId()).isEqualTo("919876543210");
                    ErrorInfo error = first.getErrors().get(0);
                    assertThat(error.getCode()).isEqualTo(131049);
                    assertThat(error.getTitle()).startsWith("This message was not delivered");
                    assertThat(error.getDetail()).isEqualTo(
                            "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");
                    assertThat(error.getReason()).isNull();
                    ErrorInfo terse = p.statuses().get(1).getErrors().get(0);
                    assertThat(terse.getCode()).as("a code sent as a string").isEqualTo(131026);
                    assertThat(terse.getTitle()).as("no title: the message").isEqualTo("Message undeliverable");
                    assertThat(terse.getDetail()).isEqualTo("Message undeliverable");
                }),
                new Case("status_unknown_word.json", p -> {
                    StatusUpdate s = onlyStatus(p);
                    assertThat(s.getStatus()).isEqualTo(WhatsAppStatus.UNKNOWN);
                    assertThat(s.getRawStatus()).isEqualTo("warning");
                    assertThat(p.skipped()).containsExactly("status without id");
                }),
                new Case("timestamp_millis.json", p -> {
                    assertThat(onlyMessage(p).getSentAt()).isEqualTo(Instant.ofEpochMilli(1749416383123L));
                    assertThat(onlyStatus(p).getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1750030075456L));
                }),
                new Case("batch.json", p -> {
                    assertThat(p.statuses()).extracting(StatusUpdate::getWamid)
                            .containsExactly("wamid.BATCH-S1", "wamid.BATCH-S2", "wamid.BATCH-S3");
                    assertThat(p.statuses()).extracting(StatusUpdate::getPhoneNumberId)
                            .containsExactly(PHONE_NUMBER_ID, PHONE_NUMBER_ID, "106540352242990");
                    assertThat(p.statuses()).extracting(StatusUpdate::getWabaId)
                            .containsExactly(WABA, WABA, "102290129340399");
                    assertThat(p.messages()).extracting(InboundMessage::getWamid)
                            .containsExactly("wamid.BATCH-M1", "wamid.BATCH-M2");
                    assertThat(p.messages()).extracting(InboundMessage::getProfileName)
                            .containsExactly("Aditi Rao", "Sheena Nelson");
                    assertThat(p.messages()).extracting(InboundMessage::getPhoneNumberId)
                            .containsOnly("106540352242923");
                    assertThat(p.skipped()).containsExactly("field account_update");
                }),
                new Case("template_status_update.json", p -> {
                    assertThat(p.statuses()).isEmpty();
                    assertThat(p.messages()).isEmpty();
                    assertThat(p.skipped()).containsExactly("field message_template_status_update");
                }),
                new Case("other_object.json", p -> {
                    assertThat(p.statuses()).isEmpty();
                    assertThat(p.messages()).isEmpty();
                    assertThat(p.skipped()).containsExactly("object page");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedPayloads")
    void mapsCapturedPayload(Case row) throws Exception {
        row.expect().accept(parser.parse(parser.read(fixture(row.fixture())), RECEIVED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedPayloads")
    void keepsEachMessageObjectWhole(Case row) throws Exception {
        JsonNode root = new ObjectMapper().readTree(fixture(row.fixture()));
        ParsedWebhook parsed = parser.parse(parser.read(fixture(row.fixture())), RECEIVED);
        ObjectMapper plain = new ObjectMapper();
        for (InboundMessage message : parsed.messages()) {
            JsonNode original = root.findValues("messages").stream()
                    .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                    .filter(m -> m.path("id").asText().equals(message.getWamid()))
                    .findFirst().orElseThrow();
            assertThat(plain.readTree(message.getRawJson())).isEqualTo(original);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "not json", "[{\"object\":\"whatsapp_business_account\"}]", "\"text\"", "42",
            "null", "{\"object\":\"whatsapp_business_account\"} trailing", "{\"entry\":[", "{\"a\":1}{\"b\":2}"})
    void refusesBodiesThatAreNotOneJsonObject(String body) {
        assertThatThrownBy(() -> parser.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageNotContaining("whatsapp_business_account");
    }

    @Test
    void acknowledgesOddShapesWithoutFailing() throws Exception {
        String body = """
                {"object":"whatsapp_business_account","entry":[
                  {"id":"1","changes":"not-a-list"},
                  {"changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.X","status":"sent"}]}}]},
                  {"id":"2","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"5"},
                    "statuses":[{"id":"wamid.Y","status":7,"timestamp":"soon"}],
                    "messages":[{"id":"wamid.Z","type":"text","text":"not an object"},{"from":"1","id":"wamid.W"}],
                    "errors":[{"code":131000}]}}]}]}
                """;
        ParsedWebhook parsed = parser.parse(parser.read(body.getBytes(StandardCharsets.UTF_8)), RECEIVED);

        assertThat(parsed.statuses()).singleElement().satisfies(s -> {
            assertThat(s.getWamid()).isEqualTo("wamid.Y");
            assertThat(s.getStatus()).isEqualTo(WhatsAppStatus.UNKNOWN);
            assertThat(s.getRawStatus()).isEqualTo("7");
            assertThat(s.getOccurredAt()).as("unreadable timestamp: time received").isEqualTo(RECEIVED);
            assertThat(s.getRecipientId()).isEmpty();
        });
        assertThat(parsed.messages()).singleElement().satisfies(m -> {
            assertThat(m.getWamid()).isEqualTo("wamid.W");
            assertThat(m.getType()).isEqualTo("unknown");
        });
        assertThat(parsed.skipped()).containsExactly("messages change without metadata.phone_number_id",
                "message without id or from", "change-level errors[] (1)");
    }

    private static InboundMessage onlyMessage(ParsedWebhook parsed) {
        assertThat(parsed.messages()).hasSize(1);
        return parsed.messages().get(0);
    }

    private static StatusUpdate onlyStatus(ParsedWebhook parsed) {
        assertThat(parsed.statuses()).hasSize(1);
        return parsed.statuses().get(0);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookParserTest.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
