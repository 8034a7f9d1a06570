package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SendRequestValidatorTest {

    private static final String ENVELOPE = "{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",";
    private final SendRequestValidator validator = new SendRequestValidator();

    static Stream<Arguments> acceptedRequests() {
        return Stream.of(
                Arguments.of("text", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\"Hello\",\"preview_url\":true}}"),
                Arguments.of("text without a type", ENVELOPE + "\"text\":{\"body\":\"Hello\"}}"),
                Arguments.of("text of 4096 emoji", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\""
                        + "😀".repeat(4096) + "\"}}"),
                Arguments.of("image by id", ENVELOPE + "\"type\":\"image\",\"image\":{\"id\":\"1234\",\"caption\":\"c\"}}"),
                Arguments.of("document by link", ENVELOPE + "\"type\":\"document\",\"document\":{\"link\":"
                        + "\"https://example.com/a.pdf\",\"filename\":\"a.pdf\",\"caption\":\"Invoice\"}}"),
                Arguments.of("audio voice note", ENVELOPE + "\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"voice\":true}}"),
                Arguments.of("sticker", ENVELOPE + "\"type\":\"sticker\",\"sticker\":{\"id\":\"1\"}}"),
                Arguments.of("reaction removal", ENVELOPE + "\"type\":\"reaction\",\"reaction\":{\"message_id\":"
                        + "\"wamid.X\",\"emoji\":\"\"}}"),
                Arguments.of("location with string coordinates", ENVELOPE + "\"type\":\"location\",\"location\":"
                        + "{\"latitude\":\"37.48\",\"longitude\":-122.14,\"name\":\"HQ\"}}"),
                Arguments.of("contacts", ENVELOPE + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":"
                        + "\"Jo Doe\",\"first_name\":\"Jo\"},\"phones\":[{\"phone\":\"+1 650\",\"type\":\"WORK\"}]}]}"),
                Arguments.of("template with components", ENVELOPE + "\"type\":\"template\",\"template\":{\"name\":"
                        + "\"order_confirmation\",\"language\":{\"code\":\"en_US\",\"policy\":\"deterministic\"},"
                        + "\"components\":[{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":"
                        + "{\"id\":\"9\"}}]},{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"parameter_name\":"
                        + "\"first_name\",\"text\":\"Jessica\"}]},{\"type\":\"button\",\"sub_type\":\"url\",\"index\":"
                        + "\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"SB-1001\"}]}]}}"),
                Arguments.of("interactive list", ENVELOPE + "\"type\":\"interactive\",\"interactive\":" + list(
                        "{\"title\":\"A\",\"rows\":[" + rows(0, 5) + "]},{\"title\":\"B\",\"rows\":[" + rows(5, 5) + "]}")
                        + "}"),
                Arguments.of("interactive buttons with image header", ENVELOPE + "\"type\":\"interactive\","
                        + "\"interactive\":{\"type\":\"button\",\"header\":{\"type\":\"image\",\"image\":{\"id\":\"7\"}},"
                        + "\"body\":{\"text\":\"Confirm?\"},\"footer\":{\"text\":\"f\"},\"action\":{\"buttons\":"
                        + buttons(3) + "}}}"),
                Arguments.of("interactive cta_url", ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":"
                        + "\"cta_url\",\"body\":{\"text\":\"Track\"},\"action\":{\"name\":\"cta_url\",\"parameters\":"
                        + "{\"display_text\":\"Open\",\"url\":\"https://example.com/t\"}}}}"),
                Arguments.of("reply in context with callback data", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":"
                        + "\"x\"},\"context\":{\"message_id\":\"wamid.Y\"},\"biz_opaque_callback_data\":\""
                        + "m".repeat(512) + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedRequests")
    void acceptsRequestsTheCloudApiAccepts(String name, String json) {
        assertThat(validator.validate(parse(json))).isInstanceOf(ValidatedRequest.MessageSend.class);
    }

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                Arguments.of("a JSON array", "[]", 100, "JSON object"),
                Arguments.of("no messaging_product", "{\"to\":\"123456\",\"text\":{\"body\":\"x\"}}", 100,
                        "messaging_product is required"),
                Arguments.of("another messaging_product", "{\"messaging_product\":\"sms\",\"to\":\"123456\"}", 100,
                        "messaging_product must be one of"),
                Arguments.of("no to", "{\"messaging_product\":\"whatsapp\",\"text\":{\"body\":\"x\"}}", 100,
                        "parameter to is required"),
                Arguments.of("letters in to", "{\"messaging_product\":\"whatsapp\",\"to\":\"call-me\",\"text\":"
                        + "{\"body\":\"x\"}}", 131009, "Param to must be a phone number"),
                Arguments.of("group recipient", ENVELOPE + "\"recipient_type\":\"group\",\"text\":{\"body\":\"x\"}}",
                        100, "recipient_type"),
                Arguments.of("unknown type", ENVELOPE + "\"type\":\"poll\",\"poll\":{}}", 131051, "got \"poll\""),
                Arguments.of("no text object", ENVELOPE + "\"type\":\"text\"}", 100, "parameter text is required"),
                Arguments.of("empty text body", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\"\"}}", 131009,
                        "text['body'] must not be empty"),
                Arguments.of("text body over 4096", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":\""
                        + "a".repeat(4097) + "\"}}", 131009, "text['body'] must be at most 4096"),
                Arguments.of("numeric text body", ENVELOPE + "\"type\":\"text\",\"text\":{\"body\":5}}", 100,
                        "text['body'] must be a string"),
                Arguments.of("image with id and link", ENVELOPE + "\"type\":\"image\",\"image\":{\"id\":\"1\","
                        + "\"link\":\"https://e.com/a.png\"}}", 131009, "either id or link, not both"),
                Arguments.of("image with neither id nor link", ENVELOPE + "\"type\":\"image\",\"image\":{}}", 100,
                        "must have an id or a link"),
                Arguments.of("caption over 1024", ENVELOPE + "\"type\":\"video\",\"video\":{\"id\":\"1\","
                        + "\"caption\":\"" + "c".repeat(1025) + "\"}}", 131009, "video['caption'] must be at most 1024"),
                Arguments.of("caption on audio", ENVELOPE + "\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"caption\":"
                        + "\"c\"}}", 100, "audio['caption'] is not supported"),
                Arguments.of("ftp media link", ENVELOPE + "\"type\":\"document\",\"document\":{\"link\":"
                        + "\"ftp://e.com/a.pdf\"}}", 131009, "http(s) URL"),
                Arguments.of("template without language", ENVELOPE + "\"type\":\"template\",\"template\":"
                        + "{\"name\":\"hello_world\"}}", 100, "template['language'] is required"),
                Arguments.of("template language without code", ENVELOPE + "\"type\":\"template\",\"template\":"
                        + "{\"name\":\"hello_world\",\"language\":{}}}", 100, "template['language']['code']"),
                Arguments.of("template without name", ENVELOPE + "\"type\":\"template\",\"template\":"
                        + "{\"language\":{\"code\":\"en\"}}}", 100, "template['name'] is required"),
                Arguments.of("four reply buttons", ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":"
                        + "\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":" + buttons(4) + "}}}",
                        131009, "Invalid buttons count"),
                Arguments.of("duplicate button titles", ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":"
                        + "\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[" + button("a", "Yes")
                        + "," + button("b", "Yes") + "]}}}", 131009, "button titles must be unique"),
                Arguments.of("button title over 20", ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":"
                        + "\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[" + button("a",
                        "t".repeat(21)) + "]}}}", 131009, "['reply']['title'] must be at most 20"),
                Arguments.of("button body over 1024", ENVELOPE + "\"type\":\"interactive\",\"interactive\":{\"type\":"
                        + "\"button\",\"body\":{\"text\":\"" + "b".repeat(1025) + "\"},\"action\":{\"buttons\":"
                        + buttons(1) + "}}}", 131009, "interactive['body']['text'] must be at most 1024"),
                Arguments.of("eleven list rows", ENVELOPE + "\"type\":\"interactive\",\"interactive\":" + list(
                        "{\"title\":\"A\",\"rows\":[" + rows(0, 6) + "]},{\"title\":\"B\",\"rows\":[" + rows(6, 5)
                                + "]}") + "}", 131009, "11 rows in total"),
                Arguments.of("eleven list sections", ENVELOPE + "\"type\":\"interactive\",\"interactive\":" + list(
                        String.join(",", java.util.Collections.nCopies(11, "{\"title\":\"A\",\"rows\":[" + rows(0, 1)
                                + "]}"))) + "}", 131009, "between 1 and 10"),
                Arguments.of("untitled section among several", ENVELOPE + "\"type\":\"interactive\",\"interactive\":"
                        + list("{\"rows\":[" + rows(0, 1) + "]},{\"title\":\"B\",\"rows\":[" + rows(1, 1) + "]}") + "}",
                        100, "['sections'][0]['title'] is required"),
                Arguments.of("list row description over 72", ENVELOPE + "\"type\":\"interactive\",\"interactive\":"
                        + list("{\"rows\":[{\"id\":\"r\",\"title\":\"t\",\"description\":\"" + "d".repeat(73)
                        + "\"}]}") + "}", 131009, "['description'] must be at most 72"),
                Arguments.of("list button label over 20", ENVELOPE + "\"type\":\"interactive\",\"interactive\":"
                        + "{\"type\":\"list\",\"body\":{\"text\":\"b\"},\"action\":{\"button\":\"" + "l".repeat(21)
                        + "\",\"sections\":[{\"rows\":[" + rows(0, 1) + "]}]}}}", 131009,
                        "interactive['action']['button'] must be at most 20"),
                Arguments.of("list with an image header", ENVELOPE + "\"type\":\"interactive\",\"interactive\":"
                        + "{\"type\":\"list\",\"header\":{\"type\":\"image\",\"image\":{\"id\":\"1\"}},\"body\":"
                        + "{\"text\":\"b\"},\"action\":{\"button\":\"Menu\",\"sections\":[{\"rows\":[" + rows(0, 1)
                        + "]}]}}}", 131009, "only a text header"),
                Arguments.of("cta display text over 20", ENVELOPE + "\"type\":\"interactive\",\"interactive\":"
                        + "{\"type\":\"cta_url\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\","
                        + "\"parameters\":{\"display_text\":\"" + "d".repeat(21) + "\",\"url\":\"https://e.com\"}}}}",
                        131009, "['display_text'] must be at most 20"),
                Arguments.of("callback data over 512", ENVELOPE + "\"text\":{\"body\":\"x\"},"
                        + "\"biz_opaque_callback_data\":\"" + "m".repeat(513) + "\"}", 131009,
                        "biz_opaque_callback_data must be at most 512"),
                Arguments.of("reaction in context", ENVELOPE + "\"type\":\"reaction\",\"reaction\":{\"message_id\":"
                        + "\"wamid.X\",\"emoji\":\"👍\"},\"context\":{\"message_id\":\"wamid.X\"}}", 131009,
                        "context is not allowed on a reaction"),
                Arguments.of("latitude out of range", ENVELOPE + "\"type\":\"location\",\"location\":{\"latitude\":91,"
                        + "\"longitude\":0}}", 131009, "location['latitude'] must be between -90 and 90"),
                Arguments.of("no contacts", ENVELOPE + "\"type\":\"contacts\",\"contacts\":[]}", 131009,
                        "contacts must have between 1 and 257"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedRequests")
    void rejectsWithMetasCodeAndNamesTheField(String name, String json, int code, String detail) {
        GraphErrorException e = catchThrowableOfType(() -> validator.validate(parse(json)), GraphErrorException.class);
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.error().httpStatus()).isEqualTo(400);
        assertThat(e.error().details()).contains(detail);
    }

    @Test
    void keepsTheRecipientAsWrittenAndItsDigitsApart() {
        ValidatedRequest.MessageSend send = (ValidatedRequest.MessageSend) validator.validate(
                parse(ENVELOPE + "\"text\":{\"body\":\"x\"},\"biz_opaque_callback_data\":\"msg-1\"}"));
        assertThat(send.to()).isEqualTo("+919876543210");
        assertThat(send.waId()).isEqualTo("919876543210");
        assertThat(send.type()).isEqualTo("text");
        assertThat(send.bizOpaqueCallbackData()).isEqualTo("msg-1");
        assertThat(send.isTemplate()).isFalse();
    }

    @Test
    void treatsStatusReadAsMarkAsRead() {
        ValidatedRequest request = validator.validate(parse("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                + "\"message_id\":\"wamid.IN\",\"typing_indicator\":{\"type\":\"text\"}}"));
        assertThat(request).isEqualTo(new ValidatedRequest.MarkRead("wamid.IN"));
        assertThatThrownBy(() -> validator.validate(parse("{\"messaging_product\":\"whatsapp\",\"status\":\"read\"}")))
                .isInstanceOf(GraphErrorException.class).hasMessageContaining("message_id is required");
    }

    private static String list(String sections) {
        return "{\"type\":\"list\",\"header\":{\"type\":\"text\",\"text\":\"Menu\"},\"body\":{\"text\":\"Choose\"},"
                + "\"footer\":{\"text\":\"f\"},\"action\":{\"button\":\"Options\",\"sections\":[" + sections + "]}}";
    }

    private static String rows(int from, int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            rows.append(rows.length() == 0 ? "" : ",").append("{\"id\":\"row-").append(i)
                    .append("\",\"title\":\"Row ").append(i).append("\",\"description\":\"d\"}");
        }
        return rows.toString();
    }

    private static String buttons(int count) {
        StringBuilder buttons = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            buttons.append(i == 0 ? "" : ",").append(button("b" + i, "Option " + i));
        }
        return buttons.append("]").toString();
    }

    private static String button(String id, String title) {
        return "{\"type\":\"reply\",\"reply\":{\"id\":\"" + id + "\",\"title\":\"" + title + "\"}}";
    }

    private static JsonNode parse(String json) {
        try {
            return ObjectMapper.getDefault().readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
