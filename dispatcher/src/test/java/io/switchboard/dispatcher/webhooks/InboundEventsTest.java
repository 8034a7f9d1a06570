package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.avro.InboundMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** message.received for each kind WhatsApp sends, from the rawJson webhook-ingest keeps. */
class InboundEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textKeepsWhatsAppsShape() throws Exception {
        assertThat(message("text", "{\"text\":{\"body\":\"Hi, where is my order?\"}}"))
                .isEqualTo(JSON.readTree("{\"type\":\"text\",\"text\":{\"body\":\"Hi, where is my order?\"}}"));
    }

    @Test
    void mediaCarriesWhatsAppsMediaId() throws Exception {
        JsonNode image = message("image", "{\"image\":{\"id\":\"1479537139650973\",\"mime_type\":\"image/jpeg\","
                + "\"sha256\":\"HgBTsdXw\",\"caption\":\"The parcel\"}}");
        assertThat(image.at("/image/id").asText()).isEqualTo("1479537139650973");
        assertThat(image.at("/image/caption").asText()).isEqualTo("The parcel");
    }

    @Test
    void locationContactsAndReactionsArriveAsWhatsAppSendsThem() throws Exception {
        assertThat(message("location", "{\"location\":{\"latitude\":19.076,\"longitude\":72.8777,"
                + "\"name\":\"Gateway\"}}").at("/location/latitude").asDouble()).isEqualTo(19.076);
        assertThat(message("contacts", "{\"contacts\":[{\"name\":{\"formatted_name\":\"Asha Rao\"},"
                + "\"phones\":[{\"phone\":\"+919812345678\"}]}]}").at("/contacts/0/name/formatted_name").asText())
                .isEqualTo("Asha Rao");
        JsonNode reaction = message("reaction", "{\"reaction\":{\"message_id\":\"wamid.HBgMOTE5\",\"emoji\":\"👍\"}}");
        assertThat(reaction.at("/reaction/emoji").asText()).isEqualTo("👍");
        assertThat(reaction.has("from")).isFalse();
        assertThat(reaction.has("id")).isFalse();
        assertThat(reaction.has("timestamp")).isFalse();
    }

    @Test
    void aReplyNamesTheMessageItAnswersInDataContext() throws Exception {
        InboundMessage reply = WebhookFixtures.buttonReply("106540352242922");
        JsonNode body = JSON.readTree(InboundEvents.of("k", reply, "acct", null).payload());
        assertThat(body.at("/data/context/wamid").asText()).isEqualTo("wamid.context001");
        assertThat(body.at("/data/message").has("context")).isFalse();
    }

    private static JsonNode message(String type, String content) throws Exception {
        String raw = "{\"from\":\"919876543210\",\"id\":\"wamid.in1\",\"timestamp\":\"1766500500\",\"type\":\""
                + type + "\"," + content.substring(1);
        InboundMessage message = InboundMessage.newBuilder().setWamid("wamid.in1").setPhoneNumberId("106540352242922")
                .setDisplayPhoneNumber("15551234567").setFrom("+919876543210")
                .setSentAt(Instant.parse("2025-12-23T14:35:00Z")).setReceivedAt(Instant.now()).setType(type)
                .setRawJson(raw).build();
        JsonNode body = JSON.readTree(InboundEvents.of("k", message, "acct", null).payload());
        assertThat(body.at("/data/to").asText()).isEqualTo("+15551234567");
        assertThat(body.at("/data/from").asText()).isEqualTo("+919876543210");
        return body.at("/data/message");
    }
}
