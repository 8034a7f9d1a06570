package io.switchboard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * Reads webhook bodies into a Jackson tree and writes parts of it back (an inbound message's {@code rawJson}).
 *
 * <p>Rules: numbers are kept exactly as written (decimals as {@code BigDecimal} with their scale), so a re-written
 * message carries the same values, field order and text; only insignificant whitespace and escape spellings may
 * differ. The exact bytes are archived separately on webhook-payloads. Trailing content after the JSON value makes
 * the body malformed rather than being silently ignored.
 */
final class WebhookJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private WebhookJson() {
    }

    /** The body as a JSON object; anything else (empty, not JSON, an array or a scalar) is malformed. */
    static JsonNode readObject(byte[] body) throws MalformedWebhookException {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            // Jackson's message quotes part of the body; keep only its location, the body may hold personal data.
            String where = e instanceof JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr()
                    : "";
            throw new MalformedWebhookException("body is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("body is not a JSON object");
        }
        return root;
    }

    /** {@code node} as compact JSON text. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
