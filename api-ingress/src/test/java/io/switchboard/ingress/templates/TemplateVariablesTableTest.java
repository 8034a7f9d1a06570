package io.switchboard.ingress.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Named variables onto every template shape WhatsApp lists (positional and named body and header text, image,
 * video, document and location headers, URL buttons, authentication codes as listed and as created, coupon codes,
 * limited-time offers): each row a template, the variables sent, and the components queued (rendered compactly)
 * or the refusal. No infrastructure: the mapping is a plain function of the template record.
 */
class TemplateVariablesTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER = "[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, your order {{2}} for {{3}} is confirmed.\"}]";
    static final String SHIPPING = "[{\"type\":\"BODY\",\"text\":\"Hi {{customer_name}}, parcel {{tracking_number}}.\"},"
            + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"URL\",\"text\":\"Track\","
            + "\"url\":\"https://track.example.com/{{1}}\"}]}]";
    static final String DELIVERY = "[{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Order {{1}}\"},"
            + "{\"type\":\"BODY\",\"text\":\"Hi {{1}}, it arrives {{2}}.\"},{\"type\":\"BUTTONS\",\"buttons\":["
            + "{\"type\":\"URL\",\"text\":\"Track\",\"url\":\"https://shop.example.com/orders/{{1}}\"},"
            + "{\"type\":\"URL\",\"text\":\"Help\",\"url\":\"https://shop.example.com/help\"},"
            + "{\"type\":\"QUICK_REPLY\",\"text\":\"Stop\"}]}]";
    static final String ORDER_READY = "[{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Order {{order_id}}\"},"
            + "{\"type\":\"BODY\",\"text\":\"Hi {{customer_name}}, pick it up today.\"}]";
    static final String IMAGE = "[{\"type\":\"HEADER\",\"format\":\"IMAGE\"},{\"type\":\"BODY\",\"text\":\"Hi {{1}}.\"},"
            + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"QUICK_REPLY\",\"text\":\"Confirm\"}]}]";
    static final String INVOICE = "[{\"type\":\"HEADER\",\"format\":\"DOCUMENT\"},{\"type\":\"BODY\",\"text\":\"{{1}}\"}]";
    static final String LAUNCH = "[{\"type\":\"HEADER\",\"format\":\"VIDEO\"},"
            + "{\"type\":\"BODY\",\"text\":\"Hi {{first_name}}, meet {{product}}.\"}]";
    static final String STORE = "[{\"type\":\"HEADER\",\"format\":\"LOCATION\"},{\"type\":\"BODY\",\"text\":\"{{1}}\"}]";
    /** An authentication template as WhatsApp lists it once created: the OTP button became a URL button. */
    static final String OTP_LISTED = "[{\"type\":\"BODY\",\"text\":\"*{{1}}* is your verification code.\"},"
            + "{\"type\":\"FOOTER\",\"text\":\"Expires in 10 minutes.\"},{\"type\":\"BUTTONS\",\"buttons\":["
            + "{\"type\":\"URL\",\"text\":\"Copy code\","
            + "\"url\":\"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}\"}]}]";
    /** The same as created (and as some lists show it). */
    static final String OTP_CREATED = "[{\"type\":\"BODY\",\"text\":\"*{{1}}* is your verification code.\"},"
            + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\",\"otp_type\":\"COPY_CODE\",\"text\":\"Copy\"}]}]";
    static final String COUPON = "[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, 20% off.\"},"
            + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"COPY_CODE\",\"example\":\"HOLIDAY20\"}]}]";
    static final String OFFER = "[{\"type\":\"HEADER\",\"format\":\"IMAGE\"},{\"type\":\"LIMITED_TIME_OFFER\","
            + "\"limited_time_offer\":{\"text\":\"Expiring offer!\",\"has_expiration\":true}},"
            + "{\"type\":\"BODY\",\"text\":\"Good news, {{1}}! Use code {{2}}.\"},{\"type\":\"BUTTONS\",\"buttons\":["
            + "{\"type\":\"COPY_CODE\",\"example\":\"CARIBE25\"},"
            + "{\"type\":\"URL\",\"text\":\"Book\",\"url\":\"https://travel.example.com/offers?code={{1}}\"}]}]";
    static final String TWO_URLS = "[{\"type\":\"BODY\",\"text\":\"Your order.\"},{\"type\":\"BUTTONS\",\"buttons\":["
            + "{\"type\":\"URL\",\"text\":\"Track\",\"url\":\"https://a.example.com/{{1}}\"},"
            + "{\"type\":\"URL\",\"text\":\"Invoice\",\"url\":\"https://b.example.com/{{1}}\"}]}]";
    static final String NONE = "[{\"type\":\"BODY\",\"text\":\"Welcome!\"}]";

    static Stream<Arguments> sends() {
        return Stream.of(
                arguments("positional body", ORDER, "{\"1\":\"John\",\"2\":\"ORD-1\",\"3\":\"$10\"}",
                        "body[text:John, text:ORD-1, text:$10]"),
                arguments("positional body, a number", ORDER, "{\"1\":\"John\",\"2\":12345,\"3\":9.5}",
                        "body[text:John, text:12345, text:9.5]"),
                arguments("named body and URL suffix", SHIPPING,
                        "{\"customer_name\":\"Asha\",\"tracking_number\":\"1Z\",\"button_url\":\"1Z\"}",
                        "body[text(customer_name):Asha, text(tracking_number):1Z] button.0/url[text:1Z]"),
                arguments("a URL suffix by its older name", SHIPPING,
                        "{\"customer_name\":\"Asha\",\"tracking_number\":\"1Z\",\"button_0_1\":\"1Z\"}",
                        "body[text(customer_name):Asha, text(tracking_number):1Z] button.0/url[text:1Z]"),
                arguments("text header, static URL and quick reply need nothing", DELIVERY,
                        "{\"header\":\"ORD-1\",\"1\":\"Priya\",\"2\":\"Monday\",\"button_url\":\"ORD-1\"}",
                        "header[text:ORD-1] body[text:Priya, text:Monday] button.0/url[text:ORD-1]"),
                arguments("text header by its older name", DELIVERY,
                        "{\"header_1\":\"ORD-1\",\"1\":\"Priya\",\"2\":\"Monday\",\"button_url\":\"ORD-1\"}",
                        "header[text:ORD-1] body[text:Priya, text:Monday] button.0/url[text:ORD-1]"),
                arguments("named text header", ORDER_READY, "{\"order_id\":\"ORD-1\",\"customer_name\":\"Asha\"}",
                        "header[text(order_id):ORD-1] body[text(customer_name):Asha]"),
                arguments("image header by link", IMAGE, "{\"header_image\":\"https://example.com/a.jpg\",\"1\":\"A\"}",
                        "header[image:link=https://example.com/a.jpg] body[text:A]"),
                arguments("image header by media id", IMAGE, "{\"header_image\":\"1037543291543636\",\"1\":\"A\"}",
                        "header[image:id=1037543291543636] body[text:A]"),
                arguments("document header with its file name", INVOICE,
                        "{\"header_document\":\"123\",\"header_filename\":\"invoice-7.pdf\",\"1\":\"INV-7\"}",
                        "header[document:id=123,filename=invoice-7.pdf] body[text:INV-7]"),
                arguments("document header, no file name", INVOICE,
                        "{\"header_document\":\"https://example.com/i.pdf\",\"1\":\"INV-7\"}",
                        "header[document:link=https://example.com/i.pdf] body[text:INV-7]"),
                arguments("video header and named body", LAUNCH,
                        "{\"header_video\":\"https://example.com/v.mp4\",\"first_name\":\"Asha\",\"product\":\"X\"}",
                        "header[video:link=https://example.com/v.mp4] body[text(first_name):Asha, text(product):X]"),
                arguments("location header", STORE,
                        "{\"header_location\":{\"latitude\":52.52,\"longitude\":13.4,\"name\":\"Store 12\"},\"1\":\"x\"}",
                        "header[location:52.52,13.4,Store 12] body[text:x]"),
                arguments("OTP as listed, the code as {{1}} (what clients sent)", OTP_LISTED, "{\"1\":\"123456\"}",
                        "body[text:123456] button.0/url[text:123456]"),
                arguments("OTP as listed, by code", OTP_LISTED, "{\"code\":\"123456\"}",
                        "body[text:123456] button.0/url[text:123456]"),
                arguments("OTP as listed, by otp", OTP_LISTED, "{\"otp\":481516}",
                        "body[text:481516] button.0/url[text:481516]"),
                arguments("OTP, older names with the same code", OTP_LISTED,
                        "{\"1\":\"481516\",\"button_0_1\":\"481516\"}", "body[text:481516] button.0/url[text:481516]"),
                arguments("OTP as created", OTP_CREATED, "{\"code\":\"123456\"}",
                        "body[text:123456] button.0/url[text:123456]"),
                arguments("coupon code", COUPON, "{\"1\":\"Asha\",\"coupon_code\":\"HOLIDAY20\"}",
                        "body[text:Asha] button.0/copy_code[coupon_code:HOLIDAY20]"),
                arguments("limited-time offer", OFFER, "{\"header_image\":\"https://example.com/b.jpg\","
                                + "\"offer_expires_at\":\"2026-12-31T23:59:59Z\",\"1\":\"Pablo\",\"2\":\"CARIBE25\","
                                + "\"coupon_code\":\"CARIBE25\",\"button_url\":\"n3mtql\"}",
                        "header[image:link=https://example.com/b.jpg] body[text:Pablo, text:CARIBE25] "
                                + "limited_time_offer[limited_time_offer:1798761599000] "
                                + "button.0/copy_code[coupon_code:CARIBE25] button.1/url[text:n3mtql]"),
                arguments("limited-time offer in epoch milliseconds", OFFER, "{\"header_image\":\"1\","
                                + "\"expiration_time_ms\":1798761599000,\"1\":\"P\",\"2\":\"C\",\"coupon_code\":\"C\","
                                + "\"button_url\":\"x\"}",
                        "header[image:id=1] body[text:P, text:C] limited_time_offer[limited_time_offer:1798761599000] "
                                + "button.0/copy_code[coupon_code:C] button.1/url[text:x]"),
                arguments("two URL suffixes", TWO_URLS, "{\"button_url_0\":\"a\",\"button_url_1\":\"b\"}",
                        "button.0/url[text:a] button.1/url[text:b]"),
                arguments("nothing to fill", NONE, "{}", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sends")
    void variablesFillEveryParameterTheTemplateNeeds(String shape, String components, String variables,
                                                     String expected) {
        NamedVariables mapped = NamedVariables.map(json(variables), template(components));

        assertThat(render(mapped.components())).isEqualTo(expected);
        assertThat(mapped.warnings()).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments(ORDER, "{\"1\":\"John\",\"3\":\"$10\"}", "TEMPLATE_VARIABLE_MISSING",
                        "variables.2 is required by template t (en) (body.2)"),
                arguments(SHIPPING, "{\"customer_name\":\"Asha\",\"tracking_number\":\"1Z\"}",
                        "TEMPLATE_VARIABLE_MISSING",
                        "variables.button_url (or button_0_1) is required by template t (en) (button.0.1)"),
                arguments(OTP_LISTED, "{}", "TEMPLATE_VARIABLE_MISSING",
                        "variables.code (or otp, 1, button_0_1) is required by template t (en) (body.1 and button.0.1)"),
                arguments(OTP_CREATED, "{\"code\":\"1234567890123456\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables.code must be at most 15 characters"),
                arguments(OTP_LISTED, "{\"1\":\"111111\",\"code\":\"222222\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables code and 1 both fill body.1 and button.0.1 of template t (en) with different values;"
                                + " send only one"),
                arguments(OTP_LISTED, "{\"code\":\"12 34\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables.code is a one-time code and cannot contain spaces"),
                arguments(COUPON, "{\"1\":\"Asha\"}", "TEMPLATE_VARIABLE_MISSING",
                        "variables.coupon_code is required by template t (en) (button.0.coupon_code)"),
                arguments(IMAGE, "{\"1\":\"A\"}", "TEMPLATE_VARIABLE_MISSING",
                        "variables.header_image is required by template t (en) (header.image)"),
                arguments(IMAGE, "{\"header_image\":\"http://example.com/a.jpg\",\"1\":\"A\"}",
                        "TEMPLATE_VARIABLE_INVALID",
                        "variables.header_image must be an https link to the header's image or the id of an uploaded media"),
                arguments(STORE, "{\"header_location\":\"Berlin\",\"1\":\"x\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables.header_location must be an object with a latitude"),
                arguments(OFFER, "{\"header_image\":\"1\",\"offer_expires_at\":\"tomorrow\",\"1\":\"P\",\"2\":\"C\","
                                + "\"coupon_code\":\"C\",\"button_url\":\"x\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables.offer_expires_at must be when the offer expires"),
                arguments(OFFER, "{\"header_image\":\"1\",\"1\":\"P\",\"2\":\"C\",\"coupon_code\":\"C\","
                                + "\"button_url\":\"x\"}", "TEMPLATE_VARIABLE_MISSING",
                        "variables.offer_expires_at (or expiration_time_ms) is required by template t (en)"
                                + " (limited_time_offer.expiration)"),
                arguments(ORDER, "{\"1\":\"John\",\"2\":\"line one\\nline two\",\"3\":\"$10\"}",
                        "TEMPLATE_VARIABLE_INVALID", "variables.2 cannot contain line breaks, tabs or more than four"
                                + " spaces in a row"),
                arguments(ORDER, "{\"1\":\"John\",\"2\":\"ORD     1\",\"3\":\"$10\"}", "TEMPLATE_VARIABLE_INVALID",
                        "variables.2 cannot contain line breaks"),
                arguments(ORDER, "{\"1\":\"John\",\"2\":true,\"3\":\"$10\"}", "VALIDATION_ERROR",
                        "variables.2 must be a string"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("refusals")
    void aParameterThatCannotBeFilledIsRefusedBeforeQueueing(String components, String variables, String code,
                                                             String message) {
        InvalidRequestException refused = catchThrowableOfType(
                () -> NamedVariables.map(json(variables), template(components)), InvalidRequestException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.error().code().name()).isEqualTo(code);
        assertThat(refused.error().message()).startsWith(message);
    }

    @Test
    void variablesTheTemplateDoesNotUseAreWarnings() {
        NamedVariables mapped = NamedVariables.map(json("{\"1\":\"123456\",\"brand\":\"Acme\"}"), template(OTP_LISTED));

        assertThat(mapped.warnings()).containsExactly("variable brand is not used by template t (en) and was ignored");
        assertThat(mapped.variables()).containsEntry("brand", "Acme").containsEntry("1", "123456");
    }

    @Test
    void theViewNamesEachVariableWithWhatItFills() {
        JsonNode otp = TemplateViews.view(template(OTP_LISTED)).get("variables");
        JsonNode offer = TemplateViews.view(template(OFFER)).get("variables");

        assertThat(otp).hasSize(1);
        assertThat(otp.get(0).get("name").asText()).isEqualTo("code");
        assertThat(otp.get(0).get("placeholder").asText()).isEqualTo("otp");
        assertThat(otp.get(0).get("fills").toString()).isEqualTo("[\"body.1\",\"button.0.1\"]");
        assertThat(otp.get(0).get("aliases").toString()).isEqualTo("[\"otp\",\"1\",\"button_0_1\"]");
        assertThat(names(offer)).containsExactly("header_image", "1", "2", "offer_expires_at", "coupon_code",
                "button_url");
        assertThat(offer.get(3).get("type").asText()).isEqualTo("timestamp");
        assertThat(offer.get(5).get("description").asText())
                .isEqualTo("the end of the URL of button 1 (https://travel.example.com/offers?code={{1}})");
        assertThat(names(TemplateViews.view(template(INVOICE)).get("variables")))
                .containsExactly("header_document", "header_filename", "1");
        assertThat(TemplateViews.view(template(INVOICE)).get("variables").get(1).get("required").asBoolean())
                .isFalse();
    }

    @Test
    void aConfiguredMappingReplacesTheDefaultsOfItsPlaceholderOnly() {
        TemplateMappings mappings = new TemplateMappings(Map.of("t", Map.of("pin", "body.1", "track", "button.0.1")));
        Template otp = TemplateRecords.from("acc", entry(OTP_LISTED), mappings, Instant.EPOCH);
        Template shipping = TemplateRecords.from("acc", entry(SHIPPING), mappings, Instant.EPOCH);

        assertThat(render(NamedVariables.map(json("{\"pin\":\"7\"}"), otp).components()))
                .isEqualTo("body[text:7] button.0/url[text:7]");
        assertThat(render(NamedVariables.map(json("{\"customer_name\":\"A\",\"tracking_number\":\"B\","
                + "\"track\":\"C\"}"), shipping).components())).endsWith("button.0/url[text:C]");
    }

    static Template template(String components) {
        return TemplateRecords.from("acc", entry(components), new TemplateMappings(Map.of()), Instant.EPOCH);
    }

    private static JsonNode entry(String components) {
        boolean named = components.contains("{{customer_name}}") || components.contains("{{first_name}}")
                || components.contains("{{order_id}}");
        return json("{\"name\":\"t\",\"language\":\"en\",\"status\":\"APPROVED\",\"category\":\"UTILITY\","
                + "\"parameter_format\":\"" + (named ? "NAMED" : "POSITIONAL") + "\",\"components\":" + components + "}");
    }

    private static List<String> names(JsonNode variables) {
        return Stream.iterate(0, i -> i < variables.size(), i -> i + 1).map(i -> variables.get(i).get("name").asText())
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** e.g. {@code header[image:link=https://...] body[text(first_name):Asha] button.0/url[text:1Z]}. */
    static String render(List<TemplateComponent> components) {
        return components.stream().map(c -> c.getType() + (c.getIndex() == null ? "" : "." + c.getIndex())
                + (c.getSubType() == null ? "" : "/" + c.getSubType()) + "[" + c.getParameters().stream()
                .map(TemplateVariablesTableTest::render).collect(Collectors.joining(", ")) + "]")
                .collect(Collectors.joining(" "));
    }

    private static String render(TemplateParameter p) {
        String head = p.getType() + (p.getParameterName() == null ? "" : "(" + p.getParameterName() + ")") + ":";
        return head + switch (p.getType()) {
            case "image", "video", "document" -> (p.getMedia().getLink() != null ? "link=" + p.getMedia().getLink()
                    : "id=" + p.getMedia().getId())
                    + (p.getMedia().getFilename() == null ? "" : ",filename=" + p.getMedia().getFilename());
            case "location" -> p.getLocation().getLatitude() + "," + p.getLocation().getLongitude() + ","
                    + p.getLocation().getName();
            case "limited_time_offer" -> p.getExpirationTimeMs();
            default -> p.getText();
        };
    }
}
