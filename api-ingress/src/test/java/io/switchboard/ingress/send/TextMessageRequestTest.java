package io.switchboard.ingress.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextMessageRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static ApiError errorOf(String json) {
        try {
            TextMessageRequest.from(body(json));
        } catch (InvalidRequestException e) {
            return e.error();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsTheSeedExample() throws Exception {
        TextMessageRequest request = TextMessageRequest.from(body("""
                {"to": "+919876543210", "message": "Hello! This is a test message from the API.",
                 "reference": "test-msg-001"}"""));

        assertThat(request).isEqualTo(new TextMessageRequest("+919876543210",
                "Hello! This is a test message from the API.", "test-msg-001"));
    }

    @Test
    void ignoresUnknownFieldsAndTreatsNullReferenceAsAbsent() throws Exception {
        TextMessageRequest request = TextMessageRequest.from(body(
                "{\"to\":\"+14155550123\",\"message\":\"hi\",\"reference\":null,\"priority\":\"high\"}"));

        assertThat(request.reference()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"919876543210", "+0919876543210", "+1234567", "+1234567890123456", "+91 98765 43210",
            "+91-9876543210", "", "+", "+91987654321a", "+٩١٩٨٧٦٥٤٣٢١٠"})
    void refusesPhoneNumbersOutsideE164(String to) {
        ApiError error = errorOf("{\"to\":" + quote(to) + ",\"message\":\"hi\"}");

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_PHONE_NUMBER);
        assertThat(error.message()).startsWith("Phone number must be in E.164 format, e.g. +919876543210; ");
    }

    @Test
    void aRefusedPhoneNumberSaysWhatToChange() {
        Map<String, String> hints = Map.of(
                "919876543210", "to must start with + and the country code (e.g. +91 for India, +1 for the US)",
                "+0919876543210", "the country code after the + cannot start with 0",
                "+91 98765 43210", "to may contain only the digits 0-9 after the +: no spaces, dashes, dots or "
                        + "brackets",
                "+1234567", "to must have 8 to 15 digits after the +, country code included");
        hints.forEach((to, hint) -> assertThat(errorOf("{\"to\":" + quote(to) + ",\"message\":\"hi\"}").message())
                .as(to).isEqualTo("Phone number must be in E.164 format, e.g. +919876543210; " + hint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12345678", "+123456789012345"})
    void acceptsE164LengthBounds(String to) throws Exception {
        assertThat(TextMessageRequest.from(body("{\"to\":\"" + to + "\",\"message\":\"hi\"}")).to()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"message\":\"hi\"}                               | to is required",
        "{\"to\":null,\"message\":\"hi\"}                   | to is required",
        "{\"to\":123,\"message\":\"hi\"}                    | to must be a string",
        "{\"to\":\"+14155550123\"}                          | message is required",
        "{\"to\":\"+14155550123\",\"message\":{}}           | message must be a string",
        "{\"to\":\"+14155550123\",\"message\":[\"a\"]}      | message must be a string",
        "{\"to\":\"+14155550123\",\"message\":true}         | message must be a string",
        "{\"to\":\"+14155550123\",\"message\":\"   \"}      | message must not be empty",
        "{\"to\":\"+14155550123\",\"message\":\"\"}         | message must not be empty",
        "{\"to\":\"+14155550123\",\"message\":\"\\ud800\"}  | message must be valid Unicode text",
        "{\"to\":\"+14155550123\",\"message\":\"a\",\"reference\":7} | reference must be a string"})
    void namesTheFieldThatIsWrong(String json, String message) {
        ApiError error = errorOf(json);

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(error.message()).isEqualTo(message);
    }

    @Test
    void countsMessageLengthInCodePoints() throws Exception {
        String emoji = "\uD83D\uDE00";
        String max = emoji.repeat(4096);
        assertThat(TextMessageRequest.from(body("{\"to\":\"+14155550123\",\"message\":\"" + max + "\"}")).message())
                .hasSize(8192);

        assertThat(errorOf("{\"to\":\"+14155550123\",\"message\":\"" + "a".repeat(4097) + "\"}").message())
                .isEqualTo("message must be at most 4096 characters");
    }

    @Test
    void limitsReferenceTo100Characters() throws Exception {
        assertThat(TextMessageRequest.from(body("{\"to\":\"+14155550123\",\"message\":\"a\",\"reference\":\""
                + "r".repeat(100) + "\"}")).reference()).hasSize(100);

        assertThat(errorOf("{\"to\":\"+14155550123\",\"message\":\"a\",\"reference\":\"" + "r".repeat(101) + "\"}")
                .message()).isEqualTo("reference must be at most 100 characters");
    }

    @Test
    void checksToBeforeMessage() {
        assertThatThrownBy(() -> TextMessageRequest.from(body("{\"to\":\"bad\"}")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_PHONE_NUMBER));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
