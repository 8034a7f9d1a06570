package io.switchboard.ingress.interactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.PreparedSend;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every limit of seed 003's tables (and WhatsApp's own) on list and button messages, with the field named. */
class InteractiveRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Avro 1.12 builds default values only for trusted classes; the service installs the list at start.
        TrustedAvroClasses.install();
    }

    private static ObjectNode list() {
        ObjectNode body = JSON.createObjectNode().put("to", "+919876543210").put("body", "Pick one").put("button",
                "View");
        ArrayNode sections = body.putArray("sections");
        ObjectNode section = sections.addObject().put("title", "Electronics");
        section.putArray("rows").addObject().put("id", "r1").put("title", "Laptop").put("description", "Fast");
        return body;
    }

    private static ObjectNode buttons() {
        ObjectNode body = JSON.createObjectNode().put("to", "+919876543210").put("body", "Confirm?");
        ArrayNode buttons = body.putArray("buttons");
        buttons.addObject().put("id", "yes").put("title", "Yes");
        return body;
    }

    private static ObjectNode rows(ObjectNode body, int section) {
        return (ObjectNode) body.get("sections").get(section);
    }

    private static void addRows(ObjectNode body, int section, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            ((ArrayNode) rows(body, section).get("rows")).addObject().put("id", prefix + i).put("title", "t" + i);
        }
    }

    static Stream<Arguments> listRefusals() {
        return Stream.of(
                Arguments.of((Consumer<ObjectNode>) b -> b.put("header", "h".repeat(61)),
                        "header must be at most 60 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("body", "b".repeat(1025)),
                        "body must be at most 1024 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("body"), "body is required"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("footer", "f".repeat(61)),
                        "footer must be at most 60 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("button", "b".repeat(21)),
                        "button must be at most 20 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("button"), "button is required"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("sections"), "sections must have at least 1 item"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    ArrayNode sections = b.putArray("sections");
                    for (int i = 0; i < 11; i++) {
                        sections.addObject().put("title", "s" + i).putArray("rows").addObject().put("id", "x" + i)
                                .put("title", "t");
                    }
                }, "sections must have at most 10 items"),
                Arguments.of((Consumer<ObjectNode>) b -> rows(b, 0).put("title", "t".repeat(25)),
                        "sections[0].title must be at most 24 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> rows(b, 0).putArray("rows"),
                        "sections[0].rows must have at least 1 item"),
                Arguments.of((Consumer<ObjectNode>) b -> addRows(b, 0, 10, "extra"),
                        "sections[0].rows must have at most 10 items"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    addRows(b, 0, 5, "a");
                    ((ArrayNode) b.get("sections")).addObject().put("title", "Two").putArray("rows");
                    addRows(b, 1, 5, "b");
                }, "sections must have at most 10 rows in total"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    ((ArrayNode) b.get("sections")).addObject().putArray("rows");
                    addRows(b, 1, 1, "b");
                }, "sections[1].title is required when there is more than one section"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) rows(b, 0).get("rows").get(0))
                        .put("id", "i".repeat(201)), "sections[0].rows[0].id must be at most 200 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) rows(b, 0).get("rows").get(0))
                        .put("title", "t".repeat(25)), "sections[0].rows[0].title must be at most 24 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) rows(b, 0).get("rows").get(0))
                        .put("description", "d".repeat(73)),
                        "sections[0].rows[0].description must be at most 72 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) rows(b, 0).get("rows").get(0)).remove("id"),
                        "sections[0].rows[0].id is required"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    ((ArrayNode) b.get("sections")).addObject().put("title", "Two").putArray("rows");
                    addRows(b, 1, 1, "r");
                    ((ObjectNode) rows(b, 1).get("rows").get(0)).put("id", "r1");
                }, "sections[1].rows[0].id must be unique; another row already uses it"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("sections", "all"), "sections must be an array"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("to", "12345"),
                        "Phone number must be in E.164 format, e.g. +919876543210; "
                                + "to must start with + and the country code (e.g. +91 for India, +1 for the US)"));
    }

    @ParameterizedTest
    @MethodSource("listRefusals")
    void aListBreakingALimitIsRefusedNamingTheField(Consumer<ObjectNode> change, String message) {
        ObjectNode body = list();
        change.accept(body);

        assertThatThrownBy(() -> ListMessageRequest.from(body)).isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    @Test
    void aListAtEveryLimitIsAccepted() {
        ObjectNode body = list().put("header", "h".repeat(60)).put("body", "\uD83D\uDE00".repeat(1024))
                .put("footer", "f".repeat(60)).put("button", "b".repeat(20));
        rows(body, 0).put("title", "t".repeat(24));
        ((ObjectNode) rows(body, 0).get("rows").get(0)).put("id", "i".repeat(200)).put("title", "t".repeat(24))
                .put("description", "d".repeat(72));
        addRows(body, 0, 9, "more");

        InteractiveContent content = content(ListMessageRequest.from(body));

        assertThat(content.getSections().get(0).getRows()).hasSize(10);
        assertThat(content.getListButton()).hasSize(20);
        assertThat(content.getHeader().getText()).hasSize(60);
    }

    static Stream<Arguments> buttonRefusals() {
        return Stream.of(
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("buttons"), "buttons must have at least 1 item"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    ArrayNode buttons = b.putArray("buttons");
                    for (int i = 0; i < 4; i++) {
                        buttons.addObject().put("id", "b" + i).put("title", "t" + i);
                    }
                }, "buttons must have at most 3 items"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) b.get("buttons").get(0))
                        .put("id", "i".repeat(257)), "buttons[0].id must be at most 256 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ObjectNode) b.get("buttons").get(0))
                        .put("title", "t".repeat(21)), "buttons[0].title must be at most 20 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ArrayNode) b.get("buttons")).addObject().put("id", "yes")
                        .put("title", "Other"), "buttons[1].id must be unique; another button already uses it"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ArrayNode) b.get("buttons")).addObject().put("id", "y2")
                        .put("title", "Yes"), "buttons[1].title must be unique; another button already uses it"),
                Arguments.of((Consumer<ObjectNode>) b -> ((ArrayNode) b.get("buttons")).add("no"),
                        "buttons[1] must be an object"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("body", "b".repeat(1025)),
                        "body must be at most 1024 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("footer", "f".repeat(61)),
                        "footer must be at most 60 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("header", "text"), "header must be an object, e.g. "
                        + "{\"type\":\"text\",\"text\":\"Special offer\"} (a list message's header is a plain string, "
                        + "a button message's is an object)"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("header", 7), "header must be an object"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("header").put("type", "sticker"),
                        "header.type must be one of text, image, video, document"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("header").put("type", "text")
                        .put("text", "h".repeat(61)), "header.text must be at most 60 characters"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("header").put("type", "image")
                        .put("link", "https://example.com/a.jpg"), "header.image is required for an image header: "
                        + "{\"type\":\"image\",\"image\":{\"link\":\"https://...\"}} (or {\"id\":\"<media id>\"} "
                        + "instead of link)"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("header").put("type", "video").putObject("video")
                        .put("link", "http://example.com/v.mp4"), "header.video.link must be a public https URL"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("header").put("type", "document")
                        .putObject("document").put("link", "https://x.example/a.pdf").put("id", "123"),
                        "header.document.link or header.document.id is required (exactly one)"));
    }

    @ParameterizedTest
    @MethodSource("buttonRefusals")
    void aButtonMessageBreakingALimitIsRefusedNamingTheField(Consumer<ObjectNode> change, String message) {
        ObjectNode body = buttons();
        change.accept(body);

        assertThatThrownBy(() -> ButtonMessageRequest.from(body)).isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    @Test
    void mediaHeadersTakeALinkOrAnIdAndDocumentsAFilename() {
        ObjectNode video = buttons();
        video.putObject("header").put("type", "video").putObject("video").put("id", "1234567890");
        ObjectNode document = buttons();
        document.putObject("header").put("type", "document").putObject("document")
                .put("link", "https://example.com/invoice.pdf").put("filename", "invoice.pdf");

        assertThat(content(ButtonMessageRequest.from(video)).getHeader().getMedia().getId()).isEqualTo("1234567890");
        InteractiveContent doc = content(ButtonMessageRequest.from(document));
        assertThat(doc.getHeader().getMedia().getLink()).isEqualTo("https://example.com/invoice.pdf");
        assertThat(doc.getHeader().getMedia().getFilename()).isEqualTo("invoice.pdf");
    }

    private static InteractiveContent content(PreparedSend send) {
        SendCommand.Builder builder = SendCommand.newBuilder().setMessageId("m").setAccountId("a")
                .setPhoneNumberId("p").setRecipient(send.to()).setAcceptedAt(Instant.now());
        send.fill(builder, false).join();
        return builder.build().getInteractive();
    }
}
