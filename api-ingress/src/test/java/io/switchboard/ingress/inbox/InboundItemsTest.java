package io.switchboard.ingress.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.InboundReaction;
import io.switchboard.schemas.avro.InboundReply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The public shape of inbound messages: WhatsApp's own content when it was kept, else rebuilt from the record. */
class InboundItemsTest {

    private static final Instant AT = Instant.parse("2025-06-16T09:08:00Z");

    private static InboundMessage.Builder message(String type, String rawJson) {
        return InboundMessage.newBuilder().setWamid("wamid.A1").setPhoneNumberId("106540352242922")
                .setDisplayPhoneNumber("15550783881").setFrom("+919876543210").setProfileName("Aditi Rao")
                .setSentAt(AT).setReceivedAt(AT.plusMillis(1234)).setType(type).setRawJson(rawJson);
    }

    @Test
    void whatsAppsOwnContentIsKeptAsReceived() {
        JsonNode item = InboundItems.of(message("order", "{\"type\":\"order\",\"order\":{\"catalog_id\":\"77\","
                + "\"product_items\":[{\"product_retailer_id\":\"sku-1\",\"quantity\":2}]}}").build(), null);

        assertThat(item.get("order").get("product_items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(item.get("id").asText()).isEqualTo("wamid.A1");
        assertThat(item.get("to").asText()).isEqualTo("+15550783881");
        assertThat(item.get("received_at").asText()).isEqualTo("2025-06-16T09:08:01.234Z");
        assertThat(item.get("sent_at").asText()).isEqualTo("2025-06-16T09:08:00.000Z");
        assertThat(item.get("context").isNull()).isTrue();
    }

    @Test
    void modelledFieldsRebuildTheShapeWhenTheRawContentIsMissing() {
        JsonNode voice = InboundItems.of(message("audio", "{}")
                .setMedia(new InboundMedia("9911", "audio/ogg; codecs=opus", "ab", null, true)).build(), null);
        JsonNode list = InboundItems.of(message("interactive", "{}")
                .setReply(new InboundReply("list_reply", "row-2", "Tomorrow", "9 am", null)).build(), null);
        JsonNode quickReply = InboundItems.of(message("button", "{}")
                .setReply(new InboundReply("button", null, "Confirm", null, "CONFIRM")).build(), null);
        JsonNode reaction = InboundItems.of(message("reaction", "not json")
                .setReaction(new InboundReaction("wamid.OURS", "\uD83D\uDC4D")).build(), null);

        assertThat(voice.get("audio").get("id").asText()).isEqualTo("9911");
        assertThat(voice.get("audio").get("voice").asBoolean()).isTrue();
        assertThat(list.get("interactive").get("type").asText()).isEqualTo("list_reply");
        assertThat(list.get("interactive").get("list_reply").get("description").asText()).isEqualTo("9 am");
        assertThat(quickReply.get("button").get("payload").asText()).isEqualTo("CONFIRM");
        assertThat(quickReply.get("button").get("text").asText()).isEqualTo("Confirm");
        assertThat(reaction.get("reaction").get("emoji").asText()).isEqualTo("\uD83D\uDC4D");
    }

    @Test
    void aReplyCarriesItsContextWithOurMessageIdWhenKnown() {
        InboundMessage reply = message("text", "{}").setText("yes").setContextWamid("wamid.OURS").build();

        assertThat(InboundItems.of(reply, "550e8400-e29b-41d4-a716-446655440000").get("context").get("message_id")
                .asText()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(InboundItems.of(reply, null).get("context").get("message_id").isNull()).isTrue();
        assertThat(InboundItems.of(reply, null).get("context").get("wamid").asText()).isEqualTo("wamid.OURS");
        assertThat(InboundItems.of(reply, null).get("text").get("body").asText()).isEqualTo("yes");
    }

    @Test
    void theMediaIdIsTheOneTheDownloadEndpointAccepts() {
        assertThat(InboundItems.mediaId(message("image", "{}")
                .setMedia(new InboundMedia("1037", "image/jpeg", null, null, false)).build())).isEqualTo("1037");
        assertThat(InboundItems.mediaId(message("text", "{}").build())).isNull();
    }
}
