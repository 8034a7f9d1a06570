package io.switchboard.simulator;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads templates in the shape of Meta's own {@code GET message_templates} answer ({@code {"data":[...]}}, a bare
 * array, or one template object), so that a dump of a real WABA's list can be dropped in. A template without an
 * {@code id} gets a stable one derived from its name and language; anything malformed is an
 * {@link IllegalArgumentException} naming the source and the reason.
 */
final class TemplateFiles {

    private TemplateFiles() {
    }

    /** Every template in {@code bytes}, in order. */
    static List<Template> parse(JsonMapper json, byte[] bytes, String source) {
        try {
            JsonNode root = json.readValue(bytes, JsonNode.class);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String wrapped;
            if (root.isArray()) {
                wrapped = "{\"data\":" + text + "}";
            } else if (root.isObject() && root.get("data") == null) {
                wrapped = "{\"data\":[" + text + "]}";
            } else {
                wrapped = text;
            }
            JsonNode list = json.readValue(wrapped, JsonNode.class).get("data");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("expected {\"data\":[...]}, an array or one template object");
            }
            Map<String, Object> parsed = json.readValue(wrapped, Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> raw = (List<Map<String, Object>>) parsed.get("data");
            List<Template> templates = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw new IllegalArgumentException("template " + i + " is not a JSON object");
                }
                templates.add(parse(list.get(i), raw.get(i)));
            }
            return templates;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("invalid template list " + source + ": " + e.getMessage(), e);
        }
    }

    private static Template parse(JsonNode node, Map<String, Object> raw) {
        JsonNode idNode = node.get("id");
        String name = String.valueOf(raw.get("name"));
        String language = String.valueOf(raw.get("language"));
        String id = idNode != null && idNode.isString() ? idNode.getStringValue() : stableId(name, language);
        // Meta's field order, then whatever else the file carries (sub_category, quality_score, ...).
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("name", name);
        listing.put("parameter_format", raw.getOrDefault("parameter_format", "POSITIONAL"));
        listing.put("components", raw.get("components"));
        listing.put("language", language);
        listing.put("status", raw.get("status"));
        listing.put("category", raw.get("category"));
        raw.forEach(listing::putIfAbsent);
        listing.put("id", id);
        return Template.of(node, id, listing);
    }

    private static String stableId(String name, String language) {
        long hash = (name + '|' + language).hashCode() & 0xFFFFFFFFL;
        return Long.toString(1_000_000_000_000_000L + hash * 97);
    }
}
