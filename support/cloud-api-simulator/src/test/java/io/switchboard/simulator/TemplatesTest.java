package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.InboundAndWindowTest.first;
import static io.switchboard.simulator.InboundAndWindowTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Template sends checked against the template list, and the list endpoint with its paging, over real HTTP. */
class TemplatesTest {

    private static final String WABA_ID = "400000000000004";
    /** Seed 000's raw template example, as the Cloud API receives it. */
    private static final String SEED_000_COMPONENTS = "[{\"type\":\"body\",\"parameters\":["
            + "{\"type\":\"text\",\"text\":\"John Doe\"},{\"type\":\"text\",\"text\":\"ORD-12345\"},"
            + "{\"type\":\"text\",\"text\":\"$99.99\"}]}]";

    private static EmbeddedServer server;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "simulator.access-token", SimulatorHttp.TOKEN,
                "simulator.waba-id", WABA_ID));
        http = new SimulatorHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsSeed000sRawOrderConfirmationToACustomerWhoNeverWrote() {
        HttpResponse<String> response = http.send(template("order_confirmation", "en", SEED_000_COMPONENTS));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> message = ((List<Map<String, Object>>) http.jsonOf(response).get("messages")).get(0);
        assertThat(message).containsEntry("message_status", "accepted");
        String wamid = (String) message.get("id");
        assertThat(http.jsonOf(http.get("/_sim/messages/" + wamid))).containsEntry("template_category", "utility");
    }

    @Test
    void refusesTwoBodyParametersForThreePlaceholdersWith132000() {
        HttpResponse<String> response = http.send(template("order_confirmation", "en_US", "[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"text\",\"text\":\"John Doe\"},{\"type\":\"text\",\"text\":\"ORD-1\"}]}]"));

        assertError(response, 132000, "Number of parameters does not match the expected number of params",
                "body: number of localizable_params (2) does not match the expected number of params (3)");
    }

    @Test
    void refusesUnknownTemplatesAndUnknownLanguagesWith132001() {
        assertError(http.send(template("no_such_template", "en", null)), 132001,
                "Template name does not exist in the translation", "template name (no_such_template) does not exist");
        assertError(http.send(template("order_confirmation", "fr", SEED_000_COMPONENTS)), 132001,
                "Template name does not exist in the translation", "(it exists in en, en_US)");
    }

    @Test
    void refusesTemplatesThatAreNotApproved() {
        assertError(http.send(template("summer_sale", "en", "[{\"type\":\"body\",\"parameters\":["
                + "{\"type\":\"text\",\"text\":\"John\"},{\"type\":\"text\",\"text\":\"20%\"}]}]")), 132001,
                "Template name does not exist in the translation", "its status is PENDING");
        assertError(http.send(template("account_alert", "en", null)), 132001,
                "Template name does not exist in the translation", "its status is REJECTED");
        assertError(http.send(template("flash_sale", "en", null)), 132015, "Template is paused", "paused");
        assertError(http.send(template("legacy_notice", "en", null)), 132016, "Template is disabled", "disabled");
    }

    @Test
    void namedTemplatesNeedParameterNamesAndTheirUrlButtonParameter() {
        String named = "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"parameter_name\":\"customer_name\","
                + "\"text\":\"John\"},{\"type\":\"text\",\"parameter_name\":\"tracking_number\",\"text\":\"1Z999\"}]}";
        String button = "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":"
                + "[{\"type\":\"text\",\"text\":\"1Z999\"}]}";

        assertThat(http.send(template("shipping_update", "en", "[" + named + "," + button + "]")).statusCode())
                .isEqualTo(200);
        assertError(http.send(template("shipping_update", "en", "[" + named + "]")), 131008,
                "Required parameter is missing", "Button at index 0 of type URL requires a parameter");
        assertError(http.send(template("shipping_update", "en", "[{\"type\":\"body\",\"parameters\":["
                        + "{\"type\":\"text\",\"text\":\"John\"},{\"type\":\"text\",\"text\":\"1Z999\"}]}," + button + "]")),
                131008, "Required parameter is missing", "['parameter_name'] is required");
        assertError(http.send(template("shipping_update", "en", "[" + named.replace("tracking_number", "total")
                + "," + button + "]")), 132000, "Number of parameters does not match the expected number of params",
                "parameter_name (total)");
    }

    @Test
    void mediaHeaderTemplatesNeedAHeaderOfTheirFormat() {
        String body = "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Priya\"},"
                + "{\"type\":\"text\",\"text\":\"December 26\"},{\"type\":\"text\",\"text\":\"10:00 AM\"}]}";
        String image = "{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{\"link\":"
                + "\"https://example.com/clinic.jpg\"}}]}";

        assertThat(http.send(template("appointment_reminder", "en", "[" + image + "," + body + "]")).statusCode())
                .isEqualTo(200);
        assertError(http.send(template("appointment_reminder", "en", "[" + body + "]")), 132012,
                "Parameter format does not match format in the created template",
                "header: Format mismatch, expected IMAGE, received UNKNOWN");
    }

    @Test
    void otpTemplatesNeedTheCodeInTheBodyAndTheCopyCodeButton() {
        String body = "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"482913\"}]}";
        String button = "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":0,\"parameters\":"
                + "[{\"type\":\"text\",\"text\":\"482913\"}]}";

        assertThat(http.send(template("otp_code", "en", "[" + body + "," + button + "]")).statusCode()).isEqualTo(200);
        assertError(http.send(template("otp_code", "en", "[" + body + "]")), 131008,
                "Required parameter is missing", "Button at index 0 of type URL requires a parameter");
    }

    @Test
    void welcomeMessageTakesNoParameters() {
        assertThat(http.send(template("welcome_message", "en", null)).statusCode()).isEqualTo(200);
        assertError(http.send(template("welcome_message", "en", "[{\"type\":\"body\",\"parameters\":"
                + "[{\"type\":\"text\",\"text\":\"John\"}]}]")), 132000,
                "Number of parameters does not match the expected number of params", "(1)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTemplatesPageByPageWithCursors() {
        List<String> seen = new ArrayList<>();
        String path = "/v23.0/" + WABA_ID + "/message_templates?limit=4";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> response = http.get(path, "Bearer " + SimulatorHttp.TOKEN);
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> page = http.jsonOf(response);
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            assertThat(data).hasSizeLessThanOrEqualTo(4);
            data.forEach(t -> seen.add(t.get("name") + "/" + t.get("language")));
            Map<String, Object> paging = map(page, "paging");
            assertThat(map(paging, "cursors")).containsKeys("before", "after");
            String next = (String) paging.get("next");
            path = next == null ? null : next.substring(next.indexOf("/v23.0/"));
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(19).doesNotHaveDuplicates()
                .contains("order_confirmation/en", "order_confirmation/en_US", "shipping_update/en",
                        "appointment_reminder/en", "summer_sale/en", "account_alert/en", "welcome_message/en",
                        "otp_code/en");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTemplatesInMetasShape() {
        Map<String, Object> page = http.jsonOf(http.get("/v23.0/" + WABA_ID
                + "/message_templates?name=order_confirmation&language=en", "Bearer " + SimulatorHttp.TOKEN));

        Map<String, Object> template = first(page, "data");
        assertThat(template).containsEntry("name", "order_confirmation").containsEntry("language", "en")
                .containsEntry("status", "APPROVED").containsEntry("category", "UTILITY")
                .containsEntry("parameter_format", "POSITIONAL").containsKey("id");
        Map<String, Object> body = ((List<Map<String, Object>>) template.get("components")).get(0);
        assertThat(body).containsEntry("type", "BODY")
                .containsEntry("text", "Hi {{1}}, your order {{2}} for {{3}} is confirmed.")
                .containsEntry("example", Map.of("body_text", List.of(List.of("John Doe", "ORD-12345", "$99.99"))));
        assertThat(map(page, "paging")).doesNotContainKeys("next", "previous");
    }

    @Test
    void templateListNeedsTheTokenAndTheSimulatedWaba() {
        assertThat(http.get("/v23.0/" + WABA_ID + "/message_templates", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/v23.0/" + WABA_ID + "/message_templates", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> otherWaba = http.get("/v23.0/123/message_templates", "Bearer " + SimulatorHttp.TOKEN);
        assertThat(otherWaba.statusCode()).isEqualTo(400);
        assertThat(map(http.jsonOf(otherWaba), "error")).containsEntry("code", 100);
    }

    private static String template(String name, String language, String components) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"+919876500001\",\"type\":\"template\",\"template\":"
                + "{\"name\":\"" + name + "\",\"language\":{\"code\":\"" + language + "\"}"
                + (components == null ? "" : ",\"components\":" + components) + "}}";
    }

    private static void assertError(HttpResponse<String> response, int code, String title, String details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> error = map(http.jsonOf(response), "error");
        assertThat(error).containsEntry("code", code).containsEntry("message", "(#" + code + ") " + title);
        assertThat((String) map(error, "error_data").get("details")).contains(details);
    }
}
