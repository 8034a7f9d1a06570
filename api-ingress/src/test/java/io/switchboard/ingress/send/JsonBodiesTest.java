package io.switchboard.ingress.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    private static ApiError errorOf(String contentType, byte[] body) {
        try {
            JsonBodies.readObject(contentType, body);
        } catch (InvalidRequestException e) {
            return e.error();
        }
        throw new AssertionError("accepted");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
            "application/vnd.api+json"})
    void acceptsJsonContentTypes(String contentType) {
        assertThat(JsonBodies.readObject(contentType, utf8("{\"a\":1}")).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void readsABodyWithoutContentTypeAsJson() {
        assertThat(JsonBodies.readObject(null, utf8("{}")).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "", ";;"})
    void refusesOtherContentTypesWith415(String contentType) {
        assertThat(errorOf(contentType, utf8("{}")).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{                       | Request body is not valid JSON",
        "{\"to\":}               | Request body is not valid JSON",
        "{} {}                   | Request body is not valid JSON",
        "{\"a\":1,\"a\":2}       | Request body is not valid JSON",
        "[1,2]                   | Request body must be a JSON object",
        "\"text\"                | Request body must be a JSON object",
        "null                    | Request body must be a JSON object",
        "42                      | Request body must be a JSON object"})
    void explainsWhatIsWrongWithTheBody(String body, String message) {
        ApiError error = errorOf("application/json", utf8(body));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(error.message()).isEqualTo(message);
    }

    @Test
    void refusesEmptyAndBlankBodies() {
        assertThat(errorOf("application/json", null).message()).isEqualTo("Request body is empty; send a JSON object");
        assertThat(errorOf("application/json", new byte[0]).message())
                .isEqualTo("Request body is empty; send a JSON object");
        assertThat(errorOf("application/json", utf8(" \n")).message())
                .isEqualTo("Request body is empty; send a JSON object");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"message\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(errorOf("application/json", latin1).message()).isEqualTo("Request body is not valid UTF-8");
        assertThat(errorOf("application/json", new byte[] {'{', (byte) 0xC0, (byte) 0x80, '}'}).message())
                .isEqualTo("Request body is not valid UTF-8");
    }

    @Test
    void toleratesAByteOrderMark() {
        assertThat(JsonBodies.readObject("application/json", utf8("\uFEFF{\"a\":1}")).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void refusesDeeplyNestedJsonWithoutFailing() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(errorOf("application/json", utf8(deep)).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
}
