package io.switchboard.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import io.switchboard.schemas.avro.CtaUrl;
import io.switchboard.schemas.avro.CurrencyParameter;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.LocationParameter;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.ReplyButton;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TemplateParameter;
import io.switchboard.schemas.avro.TextContent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudApiRequestMapperTest {

    private static final String ID = "5b0f7c1e-3a2d-4e8f-9c61-0d2b7a4e9f10";
    private static final String PN = "106540352242922";
    private static final String TO = "+16505551234";
    private static final String ENVELOPE = "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"+16505551234\",";
    private static final String CALLBACK = "\"biz_opaque_callback_data\":\"" + ID + "\"";

    static {
        TrustedAvroClasses.install();
    }

    private final CloudApiRequestMapper mapper = new CloudApiRequestMapper();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("text with link preview", cmd(MessageKind.TEXT)
                        .setText(TextContent.newBuilder().setBody("Your order SB-1001 shipped: https://t.co/x")
                                .setPreviewUrl(true).build()).build(),
                        "{" + ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\"Your order SB-1001 shipped: "
                                + "https://t.co/x\",\"preview_url\":true}," + CALLBACK + "}"),
                Arguments.of("text quoting an earlier message", cmd(MessageKind.TEXT)
                        .setText(TextContent.newBuilder().setBody("Yes, in blue too").build())
                        .setReplyToWamid("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA").build(),
                        "{" + ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\"Yes, in blue too\",\"preview_url\":"
                                + "false},\"context\":{\"message_id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4"
                                + "OTJBMTE4RTUA\"}," + CALLBACK + "}"),
                Arguments.of("template, named parameters, media header, url and quick-reply buttons",
                        cmd(MessageKind.TEMPLATE).setTemplate(orderConfirmation()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"order_confirmation\","
                                + "\"language\":{\"code\":\"en_US\"},\"components\":["
                                + "{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{\"id\":"
                                + "\"1234567890\"}}]},"
                                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"parameter_name\":"
                                + "\"first_name\",\"text\":\"Jessica\"},{\"type\":\"currency\",\"parameter_name\":"
                                + "\"total\",\"currency\":{\"fallback_value\":\"$100.99\",\"code\":\"USD\","
                                + "\"amount_1000\":100990}},{\"type\":\"date_time\",\"parameter_name\":\"delivery\","
                                + "\"date_time\":{\"fallback_value\":\"February 25, 1977\"}}]},"
                                + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":"
                                + "\"text\",\"text\":\"SB-1001\"}]},"
                                + "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"1\",\"parameters\":"
                                + "[{\"type\":\"payload\",\"payload\":\"TRACK\"}]}]}," + CALLBACK + "}"),
                Arguments.of("template, positional, document and location headers", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("invoice_ready").setLanguage("pt_BR")
                                .setComponents(List.of(
                                        component("header", null, null, TemplateParameter.newBuilder()
                                                .setType("document").setMedia(MediaRef.newBuilder()
                                                        .setLink("https://cdn.example.com/inv/2024-118.pdf")
                                                        .setFilename("fatura-118.pdf").build()).build()),
                                        component("body", null, null, textParam(null, "Ana"), textParam(null, "118")),
                                        component("button", "copy_code", "0", TemplateParameter.newBuilder()
                                                .setType("coupon_code").setText("SAVE25").build())))
                                .build()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"invoice_ready\","
                                + "\"language\":{\"code\":\"pt_BR\"},\"components\":["
                                + "{\"type\":\"header\",\"parameters\":[{\"type\":\"document\",\"document\":{\"link\":"
                                + "\"https://cdn.example.com/inv/2024-118.pdf\",\"filename\":\"fatura-118.pdf\"}}]},"
                                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"},"
                                + "{\"type\":\"text\",\"text\":\"118\"}]},"
                                + "{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":\"0\",\"parameters\":"
                                + "[{\"type\":\"coupon_code\",\"coupon_code\":\"SAVE25\"}]}]}," + CALLBACK + "}"),
                Arguments.of("template with a limited-time offer", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("caribbean_offer").setLanguage("en")
                                .setComponents(List.of(component("limited_time_offer", null, null,
                                        TemplateParameter.newBuilder().setType("limited_time_offer")
                                                .setExpirationTimeMs(1767225600000L).build())))
                                .build()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"caribbean_offer\","
                                + "\"language\":{\"code\":\"en\"},\"components\":[{\"type\":\"limited_time_offer\","
                                + "\"parameters\":[{\"type\":\"limited_time_offer\",\"limited_time_offer\":"
                                + "{\"expiration_time_ms\":1767225600000}}]}]}," + CALLBACK + "}"),
                Arguments.of("template with a location header", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("store_pickup").setLanguage("en")
                                .setComponents(List.of(component("header", null, null, TemplateParameter.newBuilder()
                                        .setType("location").setLocation(LocationParameter.newBuilder()
                                                .setLatitude(37.483307).setLongitude(-122.148981)
                                                .setName("Pablo Morales").setAddress("1 Hacker Way, Menlo Park, CA")
                                                .build()).build())))
                                .build()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"store_pickup\","
                                + "\"language\":{\"code\":\"en\"},\"components\":[{\"type\":\"header\",\"parameters\":"
                                + "[{\"type\":\"location\",\"location\":{\"latitude\":37.483307,\"longitude\":"
                                + "-122.148981,\"name\":\"Pablo Morales\",\"address\":\"1 Hacker Way, Menlo Park, CA\"}}"
                                + "]}]}," + CALLBACK + "}"),
                Arguments.of("template from simplified named variables", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("welcome").setLanguage("en_GB")
                                .setVariables(ordered("name", "Priya", "code", "X7")).build()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"welcome\",\"language\":"
                                + "{\"code\":\"en_GB\"},\"components\":[{\"type\":\"body\",\"parameters\":["
                                + "{\"type\":\"text\",\"parameter_name\":\"code\",\"text\":\"X7\"},"
                                + "{\"type\":\"text\",\"parameter_name\":\"name\",\"text\":\"Priya\"}]}]},"
                                + CALLBACK + "}"),
                Arguments.of("template from positional variables, numeric order", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("otp").setLanguage("en")
                                .setVariables(ordered("10", "ten", "2", "two", "1", "one")).build()).build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"otp\",\"language\":"
                                + "{\"code\":\"en\"},\"components\":[{\"type\":\"body\",\"parameters\":["
                                + "{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"},"
                                + "{\"type\":\"text\",\"text\":\"ten\"}]}]}," + CALLBACK + "}"),
                Arguments.of("template without parameters", cmd(MessageKind.TEMPLATE)
                        .setTemplate(TemplateContent.newBuilder().setName("hello_world").setLanguage("en_US").build())
                        .build(),
                        "{" + ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":"
                                + "{\"code\":\"en_US\"}}," + CALLBACK + "}"),
                Arguments.of("image by id with caption", cmd(MessageKind.IMAGE).setMedia(media(MediaType.IMAGE)
                        .setMediaId("1479537139650973").setCaption("Your receipt").build()).build(),
                        "{" + ENVELOPE + "\"type\":\"image\",\"image\":{\"id\":\"1479537139650973\",\"caption\":"
                                + "\"Your receipt\"}," + CALLBACK + "}"),
                Arguments.of("video by link with caption", cmd(MessageKind.VIDEO).setMedia(media(MediaType.VIDEO)
                        .setLink("https://cdn.example.com/howto.mp4").setCaption("How to assemble").build()).build(),
                        "{" + ENVELOPE + "\"type\":\"video\",\"video\":{\"link\":\"https://cdn.example.com/howto.mp4\","
                                + "\"caption\":\"How to assemble\"}," + CALLBACK + "}"),
                Arguments.of("audio voice note, caption dropped", cmd(MessageKind.AUDIO).setMedia(media(MediaType.AUDIO)
                        .setMediaId("88100").setCaption("ignored").setVoice(true).setMimeType("audio/ogg").build())
                        .build(),
                        "{" + ENVELOPE + "\"type\":\"audio\",\"audio\":{\"id\":\"88100\",\"voice\":true},"
                                + CALLBACK + "}"),
                Arguments.of("document by link with filename", cmd(MessageKind.DOCUMENT)
                        .setMedia(media(MediaType.DOCUMENT).setLink("https://cdn.example.com/t.pdf")
                                .setCaption("Terms").setFilename("terms-2025.pdf").build()).build(),
                        "{" + ENVELOPE + "\"type\":\"document\",\"document\":{\"link\":\"https://cdn.example.com/t.pdf\","
                                + "\"caption\":\"Terms\",\"filename\":\"terms-2025.pdf\"}," + CALLBACK + "}"),
                Arguments.of("sticker by id, with an unknown kind", cmd(MessageKind.UNKNOWN)
                        .setMedia(media(MediaType.STICKER).setMediaId("778899").setCaption("no").build()).build(),
                        "{" + ENVELOPE + "\"type\":\"sticker\",\"sticker\":{\"id\":\"778899\"}," + CALLBACK + "}"),
                Arguments.of("interactive list", cmd(MessageKind.INTERACTIVE_LIST).setInteractive(interactive(
                        InteractiveType.LIST).setHeader(InteractiveHeader.newBuilder().setType(HeaderType.TEXT)
                                .setText("Shipping").build())
                        .setFooter("Prices include VAT").setListButton("Choose")
                        .setSections(List.of(ListSection.newBuilder().setTitle("Speed").setRows(List.of(
                                ListRow.newBuilder().setId("priority").setTitle("Priority")
                                        .setDescription("Next day").build(),
                                ListRow.newBuilder().setId("standard").setTitle("Standard").build())).build()))
                        .build()).build(),
                        "{" + ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"header\":"
                                + "{\"type\":\"text\",\"text\":\"Shipping\"},\"body\":{\"text\":\"How fast?\"},"
                                + "\"footer\":{\"text\":\"Prices include VAT\"},\"action\":{\"button\":\"Choose\","
                                + "\"sections\":[{\"title\":\"Speed\",\"rows\":[{\"id\":\"priority\",\"title\":"
                                + "\"Priority\",\"description\":\"Next day\"},{\"id\":\"standard\",\"title\":"
                                + "\"Standard\"}]}]}}," + CALLBACK + "}"),
                Arguments.of("interactive reply buttons with an image header", cmd(MessageKind.INTERACTIVE_BUTTON)
                        .setInteractive(interactive(InteractiveType.BUTTON).setHeader(InteractiveHeader.newBuilder()
                                        .setType(HeaderType.IMAGE).setMedia(MediaRef.newBuilder().setId("2762702990552401")
                                                .build()).build())
                                .setButtons(List.of(ReplyButton.newBuilder().setId("yes").setTitle("Yes").build(),
                                        ReplyButton.newBuilder().setId("no").setTitle("No").build())).build()).build(),
                        "{" + ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"header\":"
                                + "{\"type\":\"image\",\"image\":{\"id\":\"2762702990552401\"}},\"body\":{\"text\":"
                                + "\"How fast?\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":"
                                + "\"yes\",\"title\":\"Yes\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":"
                                + "\"No\"}}]}}," + CALLBACK + "}"),
                Arguments.of("interactive cta_url with a document header", cmd(MessageKind.INTERACTIVE_CTA_URL)
                        .setInteractive(interactive(InteractiveType.CTA_URL).setHeader(InteractiveHeader.newBuilder()
                                        .setType(HeaderType.DOCUMENT).setMedia(MediaRef.newBuilder()
                                                .setLink("https://cdn.example.com/menu.pdf").setFilename("menu.pdf")
                                                .build()).build())
                                .setFooter("Open daily")
                                .setCtaUrl(CtaUrl.newBuilder().setDisplayText("See menu")
                                        .setUrl("https://example.com/menu").build()).build()).build(),
                        "{" + ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"header\":"
                                + "{\"type\":\"document\",\"document\":{\"link\":\"https://cdn.example.com/menu.pdf\","
                                + "\"filename\":\"menu.pdf\"}},\"body\":{\"text\":\"How fast?\"},\"footer\":{\"text\":"
                                + "\"Open daily\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":"
                                + "\"See menu\",\"url\":\"https://example.com/menu\"}}}," + CALLBACK + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void mapsEveryKindToTheCloudApiBody(String name, SendCommand command, String expectedJson) throws Exception {
        JsonNode actual = json.readTree(mapper.toBytes(command));

        assertThat(actual).isEqualTo(json.readTree(expectedJson));
        assertThat(new String(mapper.toBytes(command))).as("field order as Meta documents it").isEqualTo(
                json.writeValueAsString(json.readTree(expectedJson)));
    }

    @Test
    void aKindWithoutItsContentIsRefused() {
        SendCommand imageWithoutMedia = cmd(MessageKind.IMAGE).build();

        assertThatThrownBy(() -> mapper.toJson(imageWithoutMedia)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("media");
    }

    @Test
    void mediaWithoutIdOrLinkIsRefused() {
        SendCommand command = cmd(MessageKind.DOCUMENT).setMedia(media(MediaType.DOCUMENT).build()).build();

        assertThatThrownBy(() -> mapper.toJson(command)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("id or a link");
    }

    @Test
    void anUnknownTemplateParameterTypeIsRefused() {
        SendCommand command = cmd(MessageKind.TEMPLATE).setTemplate(TemplateContent.newBuilder().setName("t")
                .setLanguage("en").setComponents(List.of(component("body", null, null,
                        TemplateParameter.newBuilder().setType("hologram").setText("x").build()))).build()).build();

        assertThatThrownBy(() -> mapper.toJson(command)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("hologram");
    }

    private static SendCommand.Builder cmd(MessageKind kind) {
        return SendCommand.newBuilder().setMessageId(ID).setAccountId("acc_7f3c2a").setPhoneNumberId(PN)
                .setRecipient(TO).setKind(kind).setAcceptedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSource("api");
    }

    private static MediaContent.Builder media(MediaType type) {
        return MediaContent.newBuilder().setType(type);
    }

    private static InteractiveContent.Builder interactive(InteractiveType type) {
        return InteractiveContent.newBuilder().setType(type).setBody("How fast?");
    }

    private static TemplateComponent component(String type, String subType, String index,
            TemplateParameter... parameters) {
        return TemplateComponent.newBuilder().setType(type).setSubType(subType).setIndex(index)
                .setParameters(List.of(parameters)).build();
    }

    private static TemplateParameter textParam(String name, String text) {
        return TemplateParameter.newBuilder().setType("text").setParameterName(name).setText(text).build();
    }

    private static TemplateContent orderConfirmation() {
        return TemplateContent.newBuilder().setName("order_confirmation").setLanguage("en_US").setComponents(List.of(
                component("header", null, null, TemplateParameter.newBuilder().setType("image")
                        .setMedia(MediaRef.newBuilder().setId("1234567890").build()).build()),
                component("body", null, null, textParam("first_name", "Jessica"),
                        TemplateParameter.newBuilder().setType("currency").setParameterName("total")
                                .setCurrency(CurrencyParameter.newBuilder().setFallbackValue("$100.99")
                                        .setCode("USD").setAmount1000(100990).build()).build(),
                        TemplateParameter.newBuilder().setType("date_time").setParameterName("delivery")
                                .setDateTimeFallback("February 25, 1977").build()),
                component("button", "url", "0", textParam(null, "SB-1001")),
                component("button", "quick_reply", "1", TemplateParameter.newBuilder().setType("payload")
                        .setPayload("TRACK").build()))).build();
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
