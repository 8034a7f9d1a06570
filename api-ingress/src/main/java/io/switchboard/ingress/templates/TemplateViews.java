package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public view of a template: name, language, category, status, parameter_format, components (the Cloud API's,
 * parsed) and {@code variables}: what a named send ({@code POST /messages/template/send}) must give, one entry per
 * parameter with the variable name, the placeholder it fills, its type (text, or the media type of a media header)
 * and any aliases (other variable names mapped to the same placeholder).
 */
public final class TemplateViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateViews() {
    }

    public static ObjectNode view(Template template) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", template.getName());
        node.put("language", template.getLanguage());
        node.put("category", template.getCategory());
        node.put("status", template.getStatus().toUpperCase(Locale.ROOT));
        node.put("parameter_format", template.getParameterFormat());
        node.set("components", components(template.getComponentsJson()));
        ArrayNode variables = node.putArray("variables");
        TemplateSlots slots = TemplateSlots.of(template.getComponentsJson());
        Map<String, List<String>> names = namesByPlaceholder(template);
        for (TemplateSlots.Slot slot : slots.slots()) {
            List<String> mapped = names.getOrDefault(slot.placeholder(), List.of());
            ObjectNode variable = variables.addObject();
            variable.put("name", mapped.isEmpty() ? TemplateMappings.defaultName(slot) : mapped.get(0));
            variable.put("placeholder", slot.placeholder());
            variable.put("type", slot.isMedia() ? slot.mediaType() : "text");
            if (mapped.size() > 1) {
                mapped.subList(1, mapped.size()).forEach(variable.putArray("aliases")::add);
            }
        }
        return node;
    }

    /** Placeholder → the variable names mapped onto it, sorted (the record's map has no order). */
    static Map<String, List<String>> namesByPlaceholder(Template template) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        template.getVariableMapping().forEach((variable, placeholder) ->
                names.computeIfAbsent(placeholder.toString(), k -> new ArrayList<>()).add(variable.toString()));
        names.values().forEach(java.util.Collections::sort);
        return names;
    }

    private static JsonNode components(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.createArrayNode() : node;
        } catch (Exception e) {
            return JSON.createArrayNode();
        }
    }
}
