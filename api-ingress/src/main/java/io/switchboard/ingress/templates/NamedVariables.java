package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code variables} of a simplified template send (seed 000/001) mapped onto the template's parameters through
 * its variable mapping: every placeholder needs exactly one of the variables mapped onto it (a missing one is a
 * VALIDATION_ERROR naming it; two aliases for one placeholder are ambiguous and refused too); variables the template
 * does not use are ignored and reported as warnings. Values are strings or numbers (at most
 * {@value #MAX_VALUE_LENGTH} characters); a media header's variable is an https link. NAMED templates get
 * {@code parameter_name} on every text parameter, positional ones none.
 *
 * @param components the components of the send, header, body, then buttons
 * @param variables every variable given, as strings
 * @param warnings one line per ignored variable
 */
public record NamedVariables(List<TemplateComponent> components, Map<String, String> variables,
                             List<String> warnings) {

    static final int MAX_VALUE_LENGTH = 1024;

    public static NamedVariables map(JsonNode variables, Template template) {
        if (variables == null || variables.isNull()) {
            variables = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!variables.isObject()) {
            throw invalid("variables must be an object of name to value");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!(value.isTextual() || value.isNumber())) {
                throw invalid("variables." + entry.getKey() + " must be a string");
            }
            String text = value.asText();
            if (text.isBlank()) {
                throw invalid("variables." + entry.getKey() + " must not be empty");
            }
            if (text.codePointCount(0, text.length()) > MAX_VALUE_LENGTH) {
                throw invalid("variables." + entry.getKey() + " must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            given.put(entry.getKey(), text);
        }
        boolean named = "NAMED".equals(template.getParameterFormat());
        TemplateShapes shapes = TemplateShapes.of(template);
        Map<String, List<String>> names = shapes.namesByPlaceholder();
        String what = "template " + template.getName() + " (" + template.getLanguage() + ")";
        Map<String, List<TemplateParameter>> byComponent = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (TemplateSlots.Slot slot : shapes.slots().slots()) {
            List<String> candidates = names.getOrDefault(slot.placeholder(), List.of());
            List<String> present = candidates.stream().filter(given::containsKey).toList();
            if (present.isEmpty()) {
                String name = candidates.isEmpty() ? TemplateMappings.defaultName(slot) : candidates.get(0)
                        + (candidates.size() > 1 ? " (or " + String.join(", ", candidates.subList(1,
                        candidates.size())) + ")" : "");
                throw invalid("variables." + name + " is required by " + what + " (" + slot.placeholder() + ")");
            }
            if (present.size() > 1) {
                throw invalid("variables " + String.join(" and ", present) + " both fill " + slot.placeholder()
                        + " of " + what + "; send only one");
            }
            used.add(present.get(0));
            String value = given.get(present.get(0));
            TemplateParameter.Builder parameter = TemplateParameter.newBuilder();
            if (slot.isMedia()) {
                if (!value.startsWith("https://")) {
                    throw invalid("variables." + present.get(0) + " must be an https link to the header's "
                            + slot.mediaType());
                }
                parameter.setType(slot.mediaType()).setMedia(MediaRef.newBuilder().setLink(value).build());
            } else {
                parameter.setType("text").setText(value)
                        .setParameterName(named && !slot.component().equals("button") ? slot.key() : null);
            }
            String component = slot.component() + (slot.buttonIndex() == null ? "" : "." + slot.buttonIndex());
            byComponent.computeIfAbsent(component, k -> new ArrayList<>()).add(parameter.build());
        }
        List<TemplateComponent> components = new ArrayList<>();
        byComponent.forEach((component, parameters) -> {
            boolean button = component.startsWith("button.");
            components.add(TemplateComponent.newBuilder().setType(button ? "button" : component)
                    .setSubType(button ? "url" : null).setIndex(button ? component.substring(7) : null)
                    .setParameters(parameters).build());
        });
        List<String> warnings = given.keySet().stream().filter(name -> !used.contains(name))
                .map(name -> "variable " + name + " is not used by " + what + " and was ignored").toList();
        return new NamedVariables(components, given, warnings);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}
