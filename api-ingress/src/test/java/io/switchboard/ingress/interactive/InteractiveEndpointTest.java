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
     * Two of the seed's examples, as stored, carry a raw line break inside a JSON string (the seed's mangled emoji).
     * They work as written: the line break is kept as a newline of the text.
     */
    @Test
    void theTwoSeedExamplesWithARawLineBreakInAStringWorkAsWritten() {
        SendCommand list = queued(app.post("/messages/interactive/list", key, seed("003-list-appointment.json")));
        SendCommand buttons = queued(app.post("/messages/interactive/button", key,
                seed("003-button-order-confirmation.json")));

        assertThat(list.getInteractive().getSections().get(1).getRows()).extracting(ListRow::getId)
                .containsExactly("slot_tue_09", "slot_tue_11");
        assertThat(list.getInteractive().getHeader().getText()).contains("\n").endsWith("Book Appointment");
        assertThat(buttons.getInteractive().getButtons()).hasSize(2);
        assertThat(buttons.getInteractive().getButtons().get(0).getTitle()).contains("\n").endsWith("Confirm");
    }

    @Test
    void interactiveMessagesNeedSendText() {
        String templatesOnly = app.createKey(60, Permission.SEND_TEMPLATE);

        HttpResponse<String> response = app.post("/messages/interactive/list", templatesOnly,
                seed("003-list-product-catalog.json"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").get("message").asText()).contains("send_text");
    }
}
