package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every parameter kind of the built-in templates, given right and given wrong, as WhatsApp judges it: one row per
 * (template, components) with the expected code (0: accepted) and a part of the details.
 */
class TemplateParameterRulesTest {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final Map<String, Template> BUILT_IN = builtIn();

    static Stream<Arguments> sends() {
        String order = body("John", "ORD-1", "$10");
        String image = media("image", "{\"link\":\"https://example.com/a.jpg\"}");
        String reminderBody = body("Priya", "Dec 26", "10:00");
        String otpBody = body("482913");
        String otpButton = button("url", 0, text("482913"));
        String lto = "{\"type\":\"limited_time_offer\",\"parameters\":[{\"type\":\"limited_time_offer\","
                + "\"limited_time_offer\":{\"expiration_time_ms\":1767225600000}}]}";
        String offerBody = body("Pablo", "CARIBE25");
        String coupon = button("copy_code", 0, "{\"type\":\"coupon_code\",\"coupon_code\":\"CARIBE25\"}");
        String offerUrl = button("url", 1, text("n3mtql"));
        return Stream.of(
                arguments("order_confirmation", list(order), 0, ""),
                arguments("order_confirmation", list(body("John", "ORD-1")), 132000, "body: number of localizable"),
                arguments("order_confirmation", list(body("John", "ORD-1\nline two", "$10")), 132018,
                        "cannot have new-line/tab characters"),
                arguments("order_confirmation", list(body("John", "ORD-1", "$10     more")), 132018, "4 consecutive"),
                arguments("order_confirmation", list(body("John", "ORD-1", "")), 131008, "missing its text value"),
                arguments("order_confirmation", list("{\"type\":\"body\",\"parameters\":[" + text("John") + ","
                        + text("ORD-1") + ",{\"type\":\"currency\",\"currency\":{\"fallback_value\":\"$10\","
                        + "\"code\":\"USD\",\"amount_1000\":10000}}]}"), 0, ""),
                arguments("order_confirmation", list("{\"type\":\"body\",\"parameters\":[" + text("John") + ","
                        + text("ORD-1") + ",{\"type\":\"date_time\",\"date_time\":{}}]}"), 131008,
                        "date_time is missing"),
                arguments("order_confirmation", list("{\"type\":\"body\",\"parameters\":[" + text("John") + ","
                        + text("ORD-1") + ",{\"type\":\"image\",\"image\":{\"id\":\"1\"}}]}"), 132012, "body takes"),
                // Named parameters, in the body and in a text header.
                arguments("shipping_update", list(named("body", "customer_name", "Asha", "tracking_number", "1Z"),
                        button("url", 0, text("1Z"))), 0, ""),
                arguments("shipping_update", list(body("Asha", "1Z"), button("url", 0, text("1Z"))), 131008,
                        "['parameter_name'] is required"),
                arguments("shipping_update", list(named("body", "customer_name", "Asha", "tracking", "1Z"),
                        button("url", 0, text("1Z"))), 132000, "parameter_name (tracking)"),
                arguments("shipping_update", list(named("body", "customer_name", "Asha", "tracking_number", "1Z")),
                        131008, "Button at index 0 of type URL requires a parameter"),
                arguments("order_ready", list(named("header", "order_id", "ORD-1"),
                        named("body", "customer_name", "Asha")), 0, ""),
                arguments("order_ready", list("{\"type\":\"header\",\"parameters\":[" + text("ORD-1") + "]}",
                        named("body", "customer_name", "Asha")), 131008, "header['parameters'][0]['parameter_name']"),
                arguments("order_ready", list(named("body", "customer_name", "Asha")), 132000, "header: number"),
                // Media and location headers.
                arguments("appointment_reminder", list(image, reminderBody), 0, ""),
                arguments("appointment_reminder", list(reminderBody), 132012, "expected IMAGE, received UNKNOWN"),
                arguments("appointment_reminder", list(media("video", "{\"id\":\"1\"}"), reminderBody), 132012,
                        "expected IMAGE, received VIDEO"),
                arguments("appointment_reminder", list(media("image", "{}"), reminderBody), 131008,
                        "needs exactly one of link or id"),
                arguments("appointment_reminder", list(image, reminderBody, button("quick_reply", 0,
                        "{\"type\":\"payload\",\"payload\":\"CONFIRM\"}")), 0, ""),
                arguments("invoice_ready", list(media("document", "{\"id\":\"123\",\"filename\":\"inv.pdf\"}"),
                        body("INV-1")), 0, ""),
                arguments("product_launch", list(media("video", "{\"link\":\"https://example.com/v.mp4\"}"),
                        named("body", "first_name", "Asha", "product", "Laptop")), 0, ""),
                arguments("store_directions", list(media("location", "{\"latitude\":52.5,\"longitude\":13.4}"),
                        body("Store 12")), 0, ""),
                arguments("store_directions", list(media("location", "{\"name\":\"Store\"}"), body("Store 12")),
                        131008, "latitude and a longitude"),
                // A text header with a variable, a dynamic and a static URL button, a quick reply.
                arguments("delivery_update", list(header("ORD-1"), body("Priya", "Dec 26"),
                        button("url", 0, text("ORD-1"))), 0, ""),
                arguments("delivery_update", list(body("Priya", "Dec 26"), button("url", 0, text("ORD-1"))), 132000,
                        "header: number of localizable_params (0)"),
                arguments("delivery_update", list(header("ORD-1"), body("Priya", "Dec 26")), 131008,
                        "Button at index 0 of type URL requires a parameter"),
                arguments("delivery_update", list(header("ORD-1"), body("Priya", "Dec 26"),
                        button("quick_reply", 0, text("ORD-1"))), 131009, "its sub_type must be url"),
                arguments("delivery_update", list(header("ORD-1"), body("Priya", "Dec 26"),
                        button("url", 0, "{\"type\":\"payload\",\"payload\":\"x\"}")), 131009,
                        "takes a parameter of type text"),
                arguments("delivery_update", list(header("ORD-1"), body("Priya", "Dec 26"),
                        button("url", 0, text("ORD-1")), button("url", 5, text("x"))), 131009, "no button at index 5"),
                // Authentication: the code in the body and in the button, as listed (URL) and as created (OTP).
                arguments("otp_code", list(otpBody, otpButton), 0, ""),
                arguments("otp_code", list(otpBody), 131008, "Button at index 0 of type URL requires a parameter"),
                arguments("otp_code", list(otpButton), 132000, "body: number of localizable_params (0)"),
                arguments("otp_code", list(body("1234567890123456"), button("url", 0, text("1234567890123456"))),
                        131009, "one-time code must be at most 15 characters"),
                arguments("login_code", list(otpBody, otpButton), 0, ""),
                arguments("login_code", list(otpBody), 131008, "Button at index 0 of type OTP requires a parameter"),
                arguments("login_code", list(otpBody, button("copy_code", 0,
                        "{\"type\":\"coupon_code\",\"coupon_code\":\"482913\"}")), 131009, "sub_type must be url"),
                // Coupon codes and limited-time offers.
                arguments("holiday_coupon", list(body("Asha"), button("copy_code", 0,
                        "{\"type\":\"coupon_code\",\"coupon_code\":\"HOLIDAY20\"}")), 0, ""),
                arguments("holiday_coupon", list(body("Asha")), 131008, "of type COPY_CODE requires a parameter"),
                arguments("holiday_coupon", list(body("Asha"), button("copy_code", 0, text("HOLIDAY20"))), 131009,
                        "type coupon_code"),
                arguments("caribbean_offer", list(image, lto, offerBody, coupon, offerUrl), 0, ""),
                arguments("caribbean_offer", list(image, offerBody, coupon, offerUrl), 131008,
                        "limited_time_offer['expiration_time_ms'] is required"),
                arguments("caribbean_offer", list(image, lto, offerBody, offerUrl), 131008,
                        "Button at index 0 of type COPY_CODE requires a parameter"),
                arguments("welcome_message", null, 0, ""),
                arguments("welcome_message", list(body("x")), 132000, "(1)"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("sends")
    void judgesEveryParameterKindAsWhatsAppDoes(String name, String components, int code, String details) {
        Template template = BUILT_IN.get(name);
        JsonNode parsed = components == null ? null : parse(components);
        if (code == 0) {
            assertThatCode(() -> TemplateParameterRules.check(template, parsed)).doesNotThrowAnyException();
            return;
        }
        GraphErrorException error = catchThrowableOfType(() -> TemplateParameterRules.check(template, parsed),
                GraphErrorException.class);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.error().code()).as(error.error().details()).isEqualTo(code);
        assertThat(error.error().details()).contains(details);
    }

    private static String list(String... components) {
        return "[" + String.join(",", List.of(components)) + "]";
    }

    private static String text(String value) {
        return "{\"type\":\"text\",\"text\":\"" + value.replace("\n", "\\n") + "\"}";
    }

    private static String body(String... values) {
        return "{\"type\":\"body\",\"parameters\":[" + Stream.of(values).map(TemplateParameterRulesTest::text)
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String header(String value) {
        return "{\"type\":\"header\",\"parameters\":[" + text(value) + "]}";
    }

    private static String named(String component, String... nameValues) {
        StringBuilder parameters = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"parameter_name\":\"")
                    .append(nameValues[i]).append("\",\"text\":\"").append(nameValues[i + 1]).append("\"}");
        }
        return "{\"type\":\"" + component + "\",\"parameters\":[" + parameters + "]}";
    }

    private static String media(String type, String object) {
        return "{\"type\":\"header\",\"parameters\":[{\"type\":\"" + type + "\",\"" + type + "\":" + object + "}]}";
    }

    private static String button(String subType, int index, String parameter) {
        return "{\"type\":\"button\",\"sub_type\":\"" + subType + "\",\"index\":\"" + index + "\",\"parameters\":["
                + parameter + "]}";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Template> builtIn() {
        try (InputStream in = TemplateParameterRulesTest.class.getClassLoader()
                .getResourceAsStream(TemplateCatalog.RESOURCE)) {
            return TemplateFiles.parse(JSON, in.readAllBytes(), TemplateCatalog.RESOURCE).stream()
                    .filter(t -> !t.language().equals("en_US") || t.name().equals("hello_world"))
                    .collect(Collectors.toMap(Template::name, t -> t, (a, b) -> a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
