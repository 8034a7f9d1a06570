package io.switchboard.ingress.send;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a request body into a JSON object, turning every way a body can be wrong into its own client error: a
 * non-JSON Content-Type (415; an absent Content-Type is read as JSON), an empty body, bytes that are not UTF-8,
 * text that is not JSON (including trailing garbage and duplicate fields, which would make the meaning ambiguous), and
 * JSON that is not an object (400 VALIDATION_ERROR). Shared by every send endpoint.
 */
public final class JsonBodies {

    /** Jackson caps strings at 20 M characters by default; base64 of a 16 MB upload is 22.4 M. */
    static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
            // A raw line break or tab pasted inside a string (as hand-written examples often have) is read as that
            // character rather than refused: hand-written requests should work as written, and nothing is ambiguous.
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBodies() {
    }

    /** The body as a JSON object; throws {@link InvalidRequestException} otherwise. */
    public static ObjectNode readObject(@Nullable String contentType, @Nullable byte[] body) {
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidRequestException(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json"));
        }
        if (body == null || body.length == 0) {
            throw invalid("Request body is empty; send a JSON object");
        }
        String text = decodeUtf8(body);
        if (text.isBlank()) {
            throw invalid("Request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("Request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String decodeUtf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            // A byte-order mark is legal in front of UTF-8 text but is not JSON.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw invalid("Request body is not valid UTF-8");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
