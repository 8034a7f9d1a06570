package io.switchboard.ingress.templates;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Template;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates synchronised from a Cloud API test peer into the templates topic, cached by the ingress and listed by
 * {@code GET /templates} and {@code GET /templates/{name}} with the variables a named send needs.
 */
class TemplatesEndpointTest {

    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.templates.sync-interval", "500ms");
        app = IngressApp.start(config);
        key = app.createKey(1000, Permission.VIEW_TEMPLATES);
        await("templates synchronised").atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
    }

    private static HttpResponse<String> get(String path) {
        return app.get("/api/v1/external/templates" + path, key);
    }

    @Test
    void everyTemplateOfBothPagesIsListedWithTheBearerTokenUsed() {
        HttpResponse<String> response = get("");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        List<String> names = new ArrayList<>();
        data.forEach(t -> names.add(t.get("name").asText() + "/" + t.get("language").asText()));
        assertThat(names).containsExactly("account_alert/en", "appointment_reminder/en", "order_confirmation/en",
                "order_confirmation/en_US", "otp_code/en", "shipping_update/en", "summer_sale/en",
                "welcome_message/en");
        assertThat(json(response).get("meta").get("request_id").asText()).startsWith("req_");
        assertThat(peer.tokens()).contains("Bearer " + CloudApiPeer.TOKEN);
    }

    @Test
    void theListFiltersByStatusAndLanguage() {
        JsonNode approved = json(get("?status=approved")).get("data");
        JsonNode enUs = json(get("?language=en_US")).get("data");
        JsonNode pending = json(get("?status=PENDING&language=en")).get("data");

        assertThat(approved).hasSize(6);
        approved.forEach(t -> assertThat(t.get("status").asText()).isEqualTo("APPROVED"));
        assertThat(enUs).hasSize(1);
        assertThat(enUs.get(0).get("name").asText()).isEqualTo("order_confirmation");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("name").asText()).isEqualTo("summer_sale");
    }

    @Test
    void oneTemplateShowsItsComponentsAndTheConfiguredVariables() {
        HttpResponse<String> response = get("/order_confirmation?language=en");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(data.get("category").asText()).isEqualTo("UTILITY");
        assertThat(data.get("status").asText()).isEqualTo("APPROVED");
        assertThat(data.get("parameter_format").asText()).isEqualTo("POSITIONAL");
        assertThat(data.get("components").get(0).get("text").asText())
                .isEqualTo("Hi {{1}}, your order {{2}} for {{3}} is confirmed.");
        JsonNode variables = data.get("variables");
        assertThat(variables).hasSize(3);
        assertThat(variables.get(0).get("name").asText()).isEqualTo("customer_name");
        assertThat(variables.get(0).get("placeholder").asText()).isEqualTo("body.1");
        assertThat(variables.get(1).get("name").asText()).isEqualTo("order_id");
        // Two variables fill body.3 (seed 000's total_amount, seed 001's total): sorted, the rest as aliases.
        assertThat(variables.get(2).get("name").asText()).isEqualTo("total");
        assertThat(variables.get(2).get("placeholder").asText()).isEqualTo("body.3");
        assertThat(variables.get(2).get("aliases").get(0).asText()).isEqualTo("total_amount");
        assertThat(variables.get(2).get("type").asText()).isEqualTo("text");
    }

    @Test
    void aNameWithoutLanguageListsEveryLanguage() {
        JsonNode data = json(get("/order_confirmation")).get("data");

        assertThat(data).hasSize(2);
        assertThat(data.get(1).get("language").asText()).isEqualTo("en_US");
    }

    @Test
    void namedAndMediaHeaderTemplatesGetDefaultVariables() {
        JsonNode shipping = json(get("/shipping_update?language=en")).get("data").get("variables");
        JsonNode reminder = json(get("/appointment_reminder?language=en")).get("data").get("variables");
        JsonNode otp = json(get("/otp_code?language=en")).get("data").get("variables");

        assertThat(shipping.get(0).get("name").asText()).isEqualTo("customer_name");
        assertThat(shipping.get(0).get("placeholder").asText()).isEqualTo("body.customer_name");
        assertThat(shipping.get(1).get("name").asText()).isEqualTo("tracking_number");
        assertThat(reminder.get(0).get("name").asText()).isEqualTo("header_image");
        assertThat(reminder.get(0).get("type").asText()).isEqualTo("image");
        assertThat(reminder.get(1).get("name").asText()).isEqualTo("1");
        assertThat(otp).hasSize(1);
        assertThat(otp.get(0).get("name").asText()).isEqualTo("code");
        assertThat(otp.get(0).get("fills").toString()).isEqualTo("[\"body.1\",\"button.0.1\"]");
        assertThat(otp.get(0).get("aliases").toString()).isEqualTo("[\"otp\",\"1\",\"button_0_1\"]");
    }

    @Test
    void theTopicRecordCarriesComponentsFormatAndMapping() {
        Template record = app.context().getBean(TemplateStore.class)
                .find(app.accountId(), "order_confirmation", "en");

        assertThat(record.getParameterFormat()).isEqualTo("POSITIONAL");
        assertThat(record.getComponentsJson()).contains("Hi {{1}}");
        assertThat(Map.copyOf(record.getVariableMapping())).containsEntry("customer_name", "body.1")
                .containsEntry("total", "body.3").containsEntry("total_amount", "body.3");
    }

    @Test
    void anUnknownTemplateIs404AndAKeyWithoutViewTemplatesIs403() {
        HttpResponse<String> unknown = get("/no_such_template");
        HttpResponse<String> missingLanguage = get("/order_confirmation?language=fr");
        String sender = app.createKey(60, Permission.SEND_TEXT);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("TEMPLATE_NOT_FOUND");
        assertThat(missingLanguage.statusCode()).isEqualTo(404);
        assertThat(json(missingLanguage).get("error").get("message").asText()).isEqualTo("Template "
                + "order_confirmation in language fr does not exist for this account; it exists in en, en_US (send "
                + "\"language\": \"en\")");
        assertThat(app.get("/api/v1/external/templates", sender).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/external/templates", "pk_live_nobody").statusCode()).isEqualTo(401);
    }

    @Test
    void aLaterSyncPicksUpChangesAndDeletions() {
        List<String> changed = new ArrayList<>(CloudApiPeer.TEMPLATES);
        changed.removeIf(t -> t.contains("\"account_alert\""));
        changed.replaceAll(t -> t.contains("\"summer_sale\"") ? t.replace("PENDING", "APPROVED") : t);
        changed.add(changed.remove(0));
        TemplateStore store = app.context().getBean(TemplateStore.class);
        try {
            peer.serveTemplates(changed);

            await("changes synchronised").atMost(Duration.ofSeconds(20)).until(() ->
                    store.find(app.accountId(), "account_alert", "en") == null
                            && "APPROVED".equals(store.find(app.accountId(), "summer_sale", "en").getStatus()));
            assertThat(store.ofAccount(app.accountId())).hasSize(7);
        } finally {
            peer.serveTemplates(CloudApiPeer.TEMPLATES);
            await().atMost(Duration.ofSeconds(20)).until(() -> store.ofAccount(app.accountId()).size() == 8);
        }
    }
}
