package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} of a named template send ({@code {"variables":{...}}}) mapped onto every parameter the template needs
 * ({@link TemplateSlots}) through its variable names ({@link TemplateShapes}), so that what is queued is what
 * WhatsApp accepts: header text, media (link or id, a document's file name) or location, body text, a limited-time
 * offer's expiration, URL suffixes, the one-time code of an authentication template (given once, it fills the body
 * and the OTP button), coupon codes. A parameter none of whose variables was given is 422
 * TEMPLATE_VARIABLE_MISSING naming it; a value that cannot fill its parameter ({@link SlotValues}), or two
 * variables filling one parameter with different values, 422 TEMPLATE_VARIABLE_INVALID. Variables the template
 * does not use are ignored and reported as warnings. Values are strings or numbers (a location: an object).
 *
 * @param components the components of the send: header, body, limited_time_offer, then buttons by index
 * @param variables every variable given, as strings
 * @param warnings one line per ignored variable
 */
public record NamedVariables(List<TemplateComponent> components, Map<String, String> variables,
                             List<String> warnings) {

    static final int MAX_VALUE_LENGTH = SlotValues.MAX_VALUE_LENGTH;
    private static final List<String> ORDER = List.of("header", "body", "limited_time_offer");

    public static NamedVariables map(JsonNode variables, Template template) {
        Map<String, JsonNode> given = given(variables);
        boolean named = "NAMED".equals(template.getParameterFormat());
        TemplateShapes shapes = TemplateShapes.of(template);
        String what = "template " + template.getName() + " (" + template.getLanguage() + ")";
        Map<String, List<TemplateParameter>> byComponent = new LinkedHashMap<>();
        Map<String, String> subTypes = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        String filename = null;
        for (TemplateSlots.Slot slot : shapes.slots().slots()) {
            List<String> names = shapes.names(slot);
            List<String> present = names.stream().filter(given::containsKey).toList();
            if (present.isEmpty()) {
                if (slot.required()) {
                    throw missing(names, slot, what);
                }
                continue;
            }
            String first = present.get(0);
            for (String other : present.subList(1, present.size())) {
                if (!given.get(other).equals(given.get(first))) {
                    throw new InvalidRequestException(ApiError.of(ErrorCode.TEMPLATE_VARIABLE_INVALID, "variables "
                            + first + " and " + other + " both fill " + String.join(" and ", slot.fills()) + " of "
                            + what + " with different values; send only one"));
                }
            }
            used.addAll(present);
            if (slot.kind() == TemplateSlots.Kind.FILENAME) {
                filename = SlotValues.filename(first, given.get(first));
                continue;
            }
            for (SlotValues.Placed placed : SlotValues.fill(slot, first, given.get(first), named)) {
                byComponent.computeIfAbsent(placed.component(), k -> new ArrayList<>()).add(placed.parameter());
                if (placed.component().startsWith("button.")) {
                    subTypes.put(placed.component(), slot.kind() == TemplateSlots.Kind.COUPON ? "copy_code" : "url");
                }
            }
        }
        if (filename != null) {
            byComponent.get("header").get(0).getMedia().setFilename(filename);
        }
        List<TemplateComponent> components = new ArrayList<>();
        byComponent.entrySet().stream().sorted(Comparator.comparingInt(e -> rank(e.getKey()))).forEach(e -> {
            boolean button = e.getKey().startsWith("button.");
            components.add(TemplateComponent.newBuilder().setType(button ? "button" : e.getKey())
                    .setSubType(subTypes.get(e.getKey())).setIndex(button ? e.getKey().substring(7) : null)
                    .setParameters(e.getValue()).build());
        });
        Map<String, String> texts = new LinkedHashMap<>();
        given.forEach((name, value) -> texts.put(name, value.isValueNode() ? value.asText() : value.toString()));
        List<String> warnings = given.keySet().stream().filter(name -> !used.contains(name))
                .map(name -> "variable " + name + " is not used by " + what + " and was ignored").toList();
        return new NamedVariables(components, texts, warnings);
    }

    private static int rank(String component) {
        int index = ORDER.indexOf(component);
        return index >= 0 ? index : ORDER.size() + Integer.parseInt(component.substring("button.".length()));
    }

    /** The variables object, each value a non-empty string, a number, or an object (a location). */
    private static Map<String, JsonNode> given(JsonNode variables) {
        if (variables == null || variables.isNull()) {
            variables = JsonNodeFactory.instance.objectNode();
        }
        if (!variables.isObject()) {
            throw new InvalidRequestException(ApiError.validation("variables must be an object of name to value"));
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isObject())) {
                throw new InvalidRequestException(ApiError.validation("variables." + entry.getKey()
                        + " must be a string"));
            }
            if (value.isTextual() && value.asText().isBlank()) {
                throw new InvalidRequestException(ApiError.validation("variables." + entry.getKey()
                        + " must not be empty"));
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            if (text.codePointCount(0, text.length()) > MAX_VALUE_LENGTH) {
                throw new InvalidRequestException(ApiError.validation("variables." + entry.getKey()
                        + " must be at most " + MAX_VALUE_LENGTH + " characters"));
            }
            given.put(entry.getKey(), value);
        }
        return given;
    }

    private static InvalidRequestException missing(List<String> names, TemplateSlots.Slot slot, String what) {
        String name = names.isEmpty() ? slot.placeholder() : names.get(0)
                + (names.size() > 1 ? " (or " + String.join(", ", names.subList(1, names.size())) + ")" : "");
        return new InvalidRequestException(ApiError.of(ErrorCode.TEMPLATE_VARIABLE_MISSING, "variables." + name
                + " is required by " + what + " (" + String.join(" and ", slot.fills()) + ")"));
    }
}
