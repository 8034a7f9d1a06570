package io.switchboard.ingress.templates;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Template sends, raw and named, checked against the synchronised templates before anything is queued. */
public class TemplateSendTest {

    /** Seed 000, "Raw Template Endpoint", the -d body verbatim. */
    static final String SEED_000_RAW = """
            {
                "to": "+919876543210",
                "template_name": "order_confirmation",
                "language": "en",
                "components": [
                  {
                    "type": "body",
                    "parameters": [
                      { "type": "text", "text": "John Doe" },
                      { "type": "text", "text": "ORD-12345" },
                      { "type": "text", "text": "$99.99" }
                    ]
                  }
                ]
              }""";

    /** Seed 000, "Simplified Template Endpoint", the -d body verbatim. */
    public static final String SEED_000_NAMED = """
            {
                "to": "+919876543210",
                "template_name": "order_confirmation",
                "language": "en",
                "variables": {
                  "customer_name": "John Doe",
                  "order_id": "ORD-12345",
                  "total_amount": "$99.99",
                  "delivery_date": "December 25, 2025"
                },
                "reference": "order-12345"
              }""";

    /** Seed 001, "Example Request", verbatim. */
    static final String SEED_001_NAMED = """
            {
              "to": "+1234567890",
              "template_name": "order_confirmation",
              "language": "en",
              "variables": {
                "customer_name": "John Doe",
                "order_id": "ORD-12345",
                "total": "99.99"
              },
              "reference": "my-order-123"
            }""";

    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;
    private static SendCommandsProbe probe;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        app = IngressApp.start(peer.config());
        key = app.createKey(1000, Permission.SEND_TEMPLATE);
        await("templates synchronised").atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
        probe = new SendCommandsProbe();
    }

    @AfterAll
    static void stop() {
        probe.close();
        app.close();
        peer.close();
    }

    private static SendCommand queued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String messageId = json(response).get("data").get("message_id").asText();
        ConsumerRecord<String, SendCommand> record = await().atMost(Duration.ofSeconds(10))
                .until(() -> probe.find(messageId), r -> r != null);
        return record.value();
    }

    private static List<String> texts(TemplateComponent component) {
        return component.getParameters().stream().map(TemplateParameter::getText).toList();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo(code);
        assertThat(json(response).get("error").get("message").asText()).isEqualTo(message);
    }

    @Test
    void seed000RawComponentsArePassedThrough() {
        SendCommand command = queued(app.post("/messages/template", key, SEED_000_RAW));

        assertThat(command.getKind()).isEqualTo(MessageKind.TEMPLATE);
        assertThat(command.getTemplate().getName()).isEqualTo("order_confirmation");
        assertThat(command.getTemplate().getLanguage()).isEqualTo("en");
        assertThat(command.getTemplate().getComponents()).hasSize(1);
        assertThat(command.getTemplate().getComponents().get(0).getType()).isEqualTo("body");
        assertThat(texts(command.getTemplate().getComponents().get(0)))
                .containsExactly("John Doe", "ORD-12345", "$99.99");
        assertThat(command.getTemplate().getVariables()).isNull();
    }

    @Test
    void seed000NamedVariablesAreMappedAndTheUnusedOneIsAWarning() {
        HttpResponse<String> response = app.post("/messages/template/send", key, SEED_000_NAMED);
        SendCommand command = queued(response);

        JsonNode data = json(response).get("data");
        assertThat(data.get("status").asText()).isEqualTo("queued");
        assertThat(data.get("reference").asText()).isEqualTo("order-12345");
        assertThat(data.get("warnings").get(0).asText()).isEqualTo(
                "variable delivery_date is not used by template order_confirmation (en) and was ignored");
        TemplateComponent body = command.getTemplate().getComponents().get(0);
        assertThat(body.getType()).isEqualTo("body");
        assertThat(texts(body)).containsExactly("John Doe", "ORD-12345", "$99.99");
        assertThat(body.getParameters()).allMatch(p -> p.getParameterName() == null);
        assertThat(Map.copyOf(command.getTemplate().getVariables())).hasSize(4)
                .containsEntry("delivery_date", "December 25, 2025");
        assertThat(command.getReference()).isEqualTo("order-12345");
    }

    @Test
    void seed001NamedVariablesWithTotalWork() {
        SendCommand command = queued(app.post("/messages/template/send", key, SEED_001_NAMED));

        assertThat(command.getRecipient()).isEqualTo("+1234567890");
        assertThat(texts(command.getTemplate().getComponents().get(0)))
                .containsExactly("John Doe", "ORD-12345", "99.99");
    }

    @Test
    void aNamedTemplateGetsParameterNames() {
        SendCommand command = queued(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"shipping_update","language":"en",
                 "variables":{"customer_name":"Asha","tracking_number":"TRK-9"}}"""));

        List<TemplateParameter> parameters = command.getTemplate().getComponents().get(0).getParameters();
        assertThat(parameters).extracting(TemplateParameter::getParameterName)
                .containsExactly("customer_name", "tracking_number");
        assertThat(parameters).extracting(TemplateParameter::getText).containsExactly("Asha", "TRK-9");
    }

    @Test
    void aMediaHeaderAndAUrlButtonAreFilledFromVariables() {
        SendCommand reminder = queued(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"appointment_reminder","language":"en",
                 "variables":{"header_image":"https://example.com/clinic.jpg","1":"Asha","2":"Monday 10:00"}}"""));
        // Earlier clients gave the code twice, under its older names: still accepted when both are the same.
        SendCommand otp = queued(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"otp_code","language":"en",
                 "variables":{"1":"481516","button_0_1":"481516"}}"""));

        TemplateComponent header = reminder.getTemplate().getComponents().get(0);
        assertThat(header.getType()).isEqualTo("header");
        assertThat(header.getParameters().get(0).getType()).isEqualTo("image");
        assertThat(header.getParameters().get(0).getMedia().getLink()).isEqualTo("https://example.com/clinic.jpg");
        assertThat(texts(reminder.getTemplate().getComponents().get(1))).containsExactly("Asha", "Monday 10:00");
        TemplateComponent button = otp.getTemplate().getComponents().get(1);
        assertThat(button.getType()).isEqualTo("button");
        assertThat(button.getSubType()).isEqualTo("url");
        assertThat(button.getIndex()).isEqualTo("0");
    }

    @Test
    void anAuthenticationTemplateTakesItsCodeOnceForTheBodyAndTheCopyCodeButton() {
        SendCommand byNumber = queued(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"otp_code","language":"en","variables":{"1":"123456"}}"""));
        SendCommand byName = queued(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"otp_code","language":"en","variables":{"code":"654321"}}"""));

        for (SendCommand command : List.of(byNumber, byName)) {
            List<TemplateComponent> components = command.getTemplate().getComponents();
            assertThat(components).extracting(TemplateComponent::getType).containsExactly("body", "button");
            assertThat(components.get(1).getSubType()).isEqualTo("url");
            assertThat(components.get(1).getIndex()).isEqualTo("0");
            assertThat(texts(components.get(1))).isEqualTo(texts(components.get(0)));
        }
        assertThat(texts(byName.getTemplate().getComponents().get(1))).containsExactly("654321");
        assertRefused(app.post("/messages/template/send", key, """
                {"to":"+919876543210","template_name":"otp_code","language":"en","variables":{}}"""),
                422, "TEMPLATE_VARIABLE_MISSING", "variables.code (or otp, 1, button_0_1) is required by template "
                        + "otp_code (en) (body.1 and button.0.1)");
        assertRefused(app.post("/messages/template", key, """
                {"to":"+919876543210","template_name":"otp_code","language":"en",
                 "components":[{"type":"body","parameters":[{"type":"text","text":"123456"}]}]}"""),
                400, "VALIDATION_ERROR", "components: button 0 has 0 parameter(s) but template otp_code (en) needs 1 "
                        + "(the one-time code)");
    }

    @Test
    void aTemplateWithoutParametersNeedsNoComponents() {
        SendCommand command = queued(app.post("/messages/template", key,
                "{\"to\":\"+919876543210\",\"template_name\":\"welcome_message\",\"language\":\"en\"}"));

        assertThat(command.getTemplate().getComponents()).isEmpty();
    }

    @Test
    void aMissingVariableIsNamed() {
        assertRefused(app.post("/messages/template/send", key, SEED_001_NAMED.replace("\"order_id\"", "\"orderId\"")),
                422, "TEMPLATE_VARIABLE_MISSING",
                "variables.order_id is required by template order_confirmation (en) (body.2)");
        assertRefused(app.post("/messages/template/send", key, SEED_001_NAMED.replace("\"total\"", "\"sum\"")),
                422, "TEMPLATE_VARIABLE_MISSING",
                "variables.total (or total_amount) is required by template order_confirmation (en) (body.3)");
    }

    @Test
    void twoAliasesForOnePlaceholderAreAmbiguous() {
        assertRefused(app.post("/messages/template/send", key,
                        SEED_001_NAMED.replace("\"total\": \"99.99\"", "\"total\": \"99.99\", \"total_amount\": \"1\"")),
                422, "TEMPLATE_VARIABLE_INVALID", "variables total and total_amount both fill body.3 of template "
                        + "order_confirmation (en) with different values; send only one");
    }

    @Test
    void rawComponentsWithTheWrongCountAreRefusedPerComponent() {
        String twoParameters = SEED_000_RAW.replaceFirst(",\\s*\\{ \"type\": \"text\", \"text\": \"\\$99\\.99\" }",
                "");
        assertThat(twoParameters).doesNotContain("$99.99");
        assertRefused(app.post("/messages/template", key, twoParameters), 400, "VALIDATION_ERROR",
                "components: body has 2 parameter(s) but template order_confirmation (en) needs 3");
        assertRefused(app.post("/messages/template", key, SEED_000_RAW.replace("order_confirmation",
                "welcome_message")), 400, "VALIDATION_ERROR",
                "components: body has 3 parameter(s) but template welcome_message (en) needs 0");
        assertRefused(app.post("/messages/template", key, SEED_000_RAW.replace("\"type\": \"body\"",
                "\"type\": \"footer\"")), 400, "VALIDATION_ERROR", "components[0].type must be one of header, body, "
                + "button, limited_time_offer");
    }

    @Test
    void unknownTemplatesAndLanguagesAre404() {
        assertRefused(app.post("/messages/template/send", key, SEED_001_NAMED.replace("order_confirmation", "nope")),
                404, "TEMPLATE_NOT_FOUND", "Template nope in language en does not exist for this account. "
                        + "GET /api/v1/external/templates lists the account's templates");
        assertRefused(app.post("/messages/template/send", key, SEED_001_NAMED.replace("\"en\"", "\"fr\"")),
                404, "TEMPLATE_NOT_FOUND", "Template order_confirmation in language fr does not exist for this "
                        + "account; it exists in en, en_US (send \"language\": \"en\")");
        assertRefused(app.post("/messages/template/send", key, SEED_001_NAMED.replace("order_confirmation",
                        "order_confirmaton")), 404, "TEMPLATE_NOT_FOUND", "Template order_confirmaton in language en "
                        + "does not exist for this account. Did you mean order_confirmation?");
    }

    @Test
    void pendingAndRejectedTemplatesAre422() {
        assertRefused(app.post("/messages/template", key,
                        "{\"to\":\"+919876543210\",\"template_name\":\"summer_sale\",\"language\":\"en\"}"),
                422, "TEMPLATE_NOT_APPROVED", "Template summer_sale (en) is PENDING (WhatsApp is still reviewing "
                        + "it); only APPROVED templates can be sent");
        assertThat(json(app.post("/messages/template/send", key,
                "{\"to\":\"+919876543210\",\"template_name\":\"account_alert\",\"language\":\"en\"}"))
                .get("error").get("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
    }

    @Test
    void aKeyWithoutSendTemplateIsRefused() {
        String texter = app.createKey(60, Permission.SEND_TEXT);

        assertThat(app.post("/messages/template/send", texter, SEED_001_NAMED).statusCode()).isEqualTo(403);
    }
}
