package io.switchboard.simulator;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCatalogTest {

    @Test
    void builtInListHasTheTemplatesTheApiUses() {
        try (ApplicationContext context = ApplicationContext.run()) {
            TemplateCatalog catalog = context.getBean(TemplateCatalog.class);

            Template order = catalog.find("order_confirmation", "en").orElseThrow();
            assertThat(order.bodyParams()).containsExactly("1", "2", "3");
            assertThat(order.isApproved()).isTrue();
            assertThat(catalog.find("order_confirmation", "en_US")).isPresent();
            Template shipping = catalog.find("shipping_update", "en").orElseThrow();
            assertThat(shipping.isNamed()).isTrue();
            assertThat(shipping.bodyParams()).containsExactly("customer_name", "tracking_number");
            assertThat(shipping.buttons()).containsExactly(new Template.Button("URL", "url", "text", true, false));
            assertThat(catalog.find("appointment_reminder", "en").orElseThrow().headerFormat()).isEqualTo("IMAGE");
            assertThat(catalog.find("otp_code", "en").orElseThrow().buttons())
                    .containsExactly(new Template.Button("URL", "url", "text", true, true));
            assertThat(catalog.find("login_code", "en").orElseThrow().buttons())
                    .containsExactly(new Template.Button("OTP", "url", "text", true, true));
            assertThat(catalog.find("holiday_coupon", "en").orElseThrow().buttons())
                    .containsExactly(new Template.Button("COPY_CODE", "copy_code", "coupon_code", true, false));
            assertThat(catalog.find("caribbean_offer", "en").orElseThrow().offerExpires()).isTrue();
            assertThat(catalog.find("order_ready", "en").orElseThrow().headerParams()).containsExactly("order_id");
            assertThat(catalog.find("welcome_message", "en").orElseThrow().bodyParams()).isEmpty();
        }
    }

    @Test
    void anExtraFileAddsTemplatesAndReplacesBuiltInOnesOfTheSameNameAndLanguage(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("templates.json");
        Files.writeString(file, "[{\"name\":\"order_confirmation\",\"language\":\"en\",\"status\":\"APPROVED\","
                + "\"category\":\"UTILITY\",\"parameter_format\":\"NAMED\",\"components\":[{\"type\":\"BODY\","
                + "\"text\":\"Hi {{customer_name}}, order {{order_id}} ({{total}}) is confirmed.\"}]},"
                + "{\"name\":\"back_in_stock\",\"language\":\"hi\",\"status\":\"APPROVED\",\"category\":\"MARKETING\","
                + "\"components\":[{\"type\":\"BODY\",\"text\":\"{{1}} is back\"}]}]");
        try (ApplicationContext context = ApplicationContext.run(Map.of("simulator.templates.file", file.toString()))) {
            TemplateCatalog catalog = context.getBean(TemplateCatalog.class);

            assertThat(catalog.find("order_confirmation", "en").orElseThrow().bodyParams())
                    .containsExactly("customer_name", "order_id", "total");
            Template added = catalog.find("back_in_stock", "hi").orElseThrow();
            assertThat(added.id()).matches("[0-9]+");
            assertThat(((Map<?, ?>) added.listing()).get("parameter_format")).isEqualTo("POSITIONAL");
            assertThat(catalog.all()).hasSize(20);
        }
    }

    @Test
    void aMalformedFileStopsTheStartWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"name\":\"x\",\"language\":\"en\",\"components\":[]}]");

        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("simulator.templates.file",
                    file.toString()))) {
                context.getBean(TemplateCatalog.class);
            }
        }).hasStackTraceContaining("template field \"status\" is required");
    }

    @Test
    void pagesWithCursorsForwardAndBack() {
        try (ApplicationContext context = ApplicationContext.run()) {
            TemplateCatalog catalog = context.getBean(TemplateCatalog.class);

            TemplatePages.Page first = catalog.page(t -> true, 5, null, null);
            TemplatePages.Page second = catalog.page(t -> true, 5, first.after(), null);
            TemplatePages.Page back = catalog.page(t -> true, 5, null, second.before());

            assertThat(first.hasPrevious()).isFalse();
            assertThat(first.hasNext()).isTrue();
            assertThat(second.data()).hasSize(5).doesNotContainAnyElementsOf(first.data());
            assertThat(back.data()).isEqualTo(first.data());
            assertThat(catalog.page(t -> t.category().equals("AUTHENTICATION"), 5, null, null).data())
                    .extracting(Template::name).containsExactly("otp_code", "login_code");
            assertThatThrownBy(() -> catalog.page(t -> true, 5, "bm90LWFuLWlk", null))
                    .isInstanceOf(GraphErrorException.class);
        }
    }
}
