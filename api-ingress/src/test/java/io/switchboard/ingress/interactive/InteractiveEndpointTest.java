package io.switchboard.ingress.interactive;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.Seeds;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.ReplyButton;
import io.switchboard.schemas.avro.SendCommand;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's list and button examples sent verbatim over HTTP (bodies copied byte for byte from the seed into
 * {@code src/test/resources/seeds/}, including the literal "nn" where the seed lost its newlines).
 */
class InteractiveEndpointTest {

    private static IngressApp app;
    private static String key;
    private static SendCommandsProbe probe;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of());
        key = app.createKey(1000, Permission.SEND_TEXT);
        probe = new SendCommandsProbe();
    }

    @AfterAll
    static void stop() {
        probe.close();
        app.close();
    }

    static String seed(String name) {
        return Seeds.read(name);
    }

    private static SendCommand queued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String messageId = json(response).get("data").get("message_id").asText();
        return await().atMost(Duration.ofSeconds(10)).until(() -> probe.find(messageId), r -> r != null).value();
    }

    @Test
    void theProductCatalogListIsQueued() {
        HttpResponse<String> response = app.post("/messages/interactive/list", key,
                seed("003-list-product-catalog.json"));
        SendCommand command = queued(response);

        assertThat(json(response).get("data").get("reference").asText()).isEqualTo("catalog-browse-001");
        assertThat(command.getKind()).isEqualTo(MessageKind.INTERACTIVE_LIST);
        InteractiveContent list = command.getInteractive();
        assertThat(list.getHeader().getType()).isEqualTo(HeaderType.TEXT);
        assertThat(list.getBody()).isEqualTo("Browse our popular products and select one to learn more!");
        assertThat(list.getFooter()).isEqualTo("Tap View Catalog to see options");
        assertThat(list.getListButton()).isEqualTo("View Catalog");
        assertThat(list.getSections()).hasSize(2);
        assertThat(list.getSections().get(0).getRows()).extracting(ListRow::getId)
                .containsExactly("prod_laptop_001", "prod_phone_001");
        assertThat(list.getSections().get(1).getRows().get(0).getDescription()).isEqualTo("Noise-canceling - $299");
        assertThat(command.getReference()).isEqualTo("catalog-browse-001");
    }

    @Test
    void theTextAndImageHeaderButtonExamplesAreQueued() {
        SendCommand offer = queued(app.post("/messages/interactive/button", key, seed("003-button-text-header.json")));
        SendCommand restock = queued(app.post("/messages/interactive/button", key,
                seed("003-button-image-header.json")));

        assertThat(offer.getKind()).isEqualTo(MessageKind.INTERACTIVE_BUTTON);
        assertThat(offer.getInteractive().getButtons()).extracting(ReplyButton::getTitle)
                .containsExactly("Shop Now", "Save for Later", "No Thanks");
        assertThat(offer.getInteractive().getBody()).contains("SAVE20.nnValid");
        assertThat(restock.getInteractive().getHeader().getType()).isEqualTo(HeaderType.IMAGE);
        assertThat(restock.getInteractive().getHeader().getMedia().getLink())
                .isEqualTo("https://example.com/products/laptop-pro-15.jpg");
        assertThat(restock.getReference()).isEqualTo("restock-notify-laptop");
    }

    /**
     * Two of the seed's examples, as stored, carry a raw line break inside a JSON string (the seed's mangled emoji):
     * not JSON, so they are refused with the position; with the line break escaped they are accepted.
     */
    @Test
    void theTwoSeedExamplesWithARawLineBreakInAStringAreRefusedUntilItIsEscaped() {
        String appointment = seed("003-list-appointment.json");
        String confirmation = seed("003-button-order-confirmation.json");

        HttpResponse<String> list = app.post("/messages/interactive/list", key, appointment);
        HttpResponse<String> buttons = app.post("/messages/interactive/button", key, confirmation);

        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(json(list).get("error").get("message").asText()).isEqualTo("Request body is not valid JSON: a "
                + "control character (such as a line break) inside a string must be escaped (line 3, column 13)");
        assertThat(buttons.statusCode()).isEqualTo(400);

        SendCommand fixedList = queued(app.post("/messages/interactive/list", key, escapeLineBreaksInStrings(
                appointment)));
        SendCommand fixedButtons = queued(app.post("/messages/interactive/button", key, escapeLineBreaksInStrings(
                confirmation)));
        assertThat(fixedList.getInteractive().getSections().get(1).getRows()).extracting(ListRow::getId)
                .containsExactly("slot_tue_09", "slot_tue_11");
        assertThat(fixedList.getReference()).isEqualTo("booking-123");
        assertThat(fixedButtons.getInteractive().getButtons()).extracting(ReplyButton::getId)
                .containsExactly("confirm_order_12345", "cancel_order_12345");
        assertThat(fixedButtons.getInteractive().getBody()).startsWith("Your order #12345 is ready to be shipped!nn");
    }

    @Test
    void fourButtonsAreRefusedWithTheSeedsMessage() {
        String four = seed("003-button-text-header.json").replace("{ \"id\": \"no_thanks\", \"title\": \"No Thanks\" }",
                "{ \"id\": \"no_thanks\", \"title\": \"No Thanks\" }, { \"id\": \"later\", \"title\": \"Later\" }");

        HttpResponse<String> response = app.post("/messages/interactive/button", key, four);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(json(response).get("error").get("message").asText()).isEqualTo("buttons must have at most 3 items");
    }

    @Test
    void interactiveMessagesNeedSendText() {
        String templatesOnly = app.createKey(60, Permission.SEND_TEMPLATE);

        HttpResponse<String> response = app.post("/messages/interactive/list", templatesOnly,
                seed("003-list-product-catalog.json"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").get("message").asText()).contains("send_text");
    }

    /** Escapes raw line breaks that sit inside JSON strings (between quotes), leaving the layout's own alone. */
    static String escapeLineBreaksInStrings(String json) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            out.append(inString && c == '\n' ? "\\n" : String.valueOf(c));
        }
        return out.toString();
    }
}
