package io.switchboard.e2e.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.PlatformAccess;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates sent by name ({@code POST /messages/template/send}) through api-ingress, the dispatcher and the Cloud
 * API simulator, which checks every parameter as WhatsApp does: each shape of template the simulator lists is
 * delivered (status sent or later), never accepted and then failed.
 */
class NamedTemplateSendsEndToEndTest {

    private static TemplateSends sends;
    /** A recipient per send: the API limits sends to one recipient to 10 a minute. */
    private static final AtomicInteger RECIPIENTS = new AtomicInteger(10);

    @BeforeAll
    static void templatesSynchronised() {
        sends = new TemplateSends(PlatformAccess.platform(), PlatformAccess.apiKey());
        await().atMost(Duration.ofSeconds(30)).until(() -> JsonHttp.call("GET", PlatformAccess.platform().apiUrl()
                + "/templates/caribbean_offer?language=en", null, "X-API-Key", PlatformAccess.apiKey()).status() == 200);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("an OTP template with the code as {{1}}, as clients sent it", "otp_code",
                        "{\"1\":\"123456\"}"),
                Arguments.of("an OTP template by its code", "otp_code", "{\"code\":\"654321\"}"),
                Arguments.of("a one-tap OTP template as created", "login_code", "{\"otp\":\"482913\"}"),
                Arguments.of("named body and a URL button", "shipping_update",
                        "{\"customer_name\":\"Asha\",\"tracking_number\":\"1Z999\",\"button_url\":\"1Z999\"}"),
                Arguments.of("text header, body, URL button", "delivery_update",
                        "{\"header\":\"ORD-1\",\"1\":\"Priya\",\"2\":\"Monday\",\"button_url\":\"ORD-1\"}"),
                Arguments.of("named text header", "order_ready", "{\"order_id\":\"ORD-7\",\"customer_name\":\"Asha\"}"),
                Arguments.of("document header by link with a file name", "invoice_ready",
                        "{\"header_document\":\"https://example.com/inv.pdf\",\"header_filename\":\"inv.pdf\","
                                + "\"1\":\"INV-7\"}"),
                Arguments.of("video header and named body", "product_launch",
                        "{\"header_video\":\"https://example.com/v.mp4\",\"first_name\":\"Asha\",\"product\":\"X\"}"),
                Arguments.of("location header", "store_directions",
                        "{\"header_location\":{\"latitude\":52.52,\"longitude\":13.40},\"1\":\"Store 12\"}"),
                Arguments.of("a coupon code", "holiday_coupon", "{\"1\":\"Asha\",\"coupon_code\":\"HOLIDAY20\"}"),
                Arguments.of("a limited-time offer with a coupon and a URL button", "caribbean_offer",
                        "{\"header_image\":\"https://example.com/beach.jpg\",\"offer_expires_at\":"
                                + "\"2030-01-31T23:59:59Z\",\"1\":\"Pablo\",\"2\":\"CARIBE25\",\"coupon_code\":"
                                + "\"CARIBE25\",\"button_url\":\"n3mtql\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aTemplateSentByNameIsDelivered(String shape, String template, String variables) {
        String id = TemplateSends.accepted(sends.sendByName("{\"to\":\"+9198112000" + RECIPIENTS.incrementAndGet()
                + "\",\"template_name\":\""
                + template + "\",\"language\":\"en\",\"variables\":" + variables + "}"));

        assertThat(sends.awaitSent(id).path("type").asText()).isEqualTo("template");
    }

    @Test
    void theOneTimeCodeReachesWhatsAppInTheBodyAndInTheCopyCodeButton() {
        String id = TemplateSends.accepted(sends.sendByName("""
                {"to":"+919811200002","template_name":"otp_code","language":"en","variables":{"code":"314159"}}"""));
        sends.awaitSent(id);

        JsonNode components = sends.received(id).path("components");
        assertThat(components.toString()).isEqualTo("[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\","
                + "\"text\":\"314159\"}]},{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":"
                + "[{\"type\":\"text\",\"text\":\"314159\"}]}]");
    }

    @Test
    void aMissingCodeIsRefusedBeforeAnythingIsQueued() {
        JsonHttp.Answer refused = sends.sendByName("""
                {"to":"+919811200003","template_name":"otp_code","language":"en","variables":{}}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("TEMPLATE_VARIABLE_MISSING");
        assertThat(refused.body().path("error").path("message").asText()).startsWith("variables.code");
    }

    @Test
    void anUnknownLanguageNamesTheOnesThatExist() {
        JsonHttp.Answer refused = sends.sendByName("""
                {"to":"+919811200004","template_name":"hello_world","language":"en","variables":{}}""");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("error").path("message").asText())
                .isEqualTo("Template hello_world in language en does not exist for this account; it exists in en_US "
                        + "(send \"language\": \"en_US\")");
    }
}
