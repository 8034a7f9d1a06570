package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.TemplateParameterRules.MAX_CODE_LENGTH;
import static io.switchboard.simulator.TemplateParameterRules.isText;
import static io.switchboard.simulator.TemplateParameterRules.type;

/**
 * The button components of a template send against the template's buttons (see {@link TemplateParameterRules}):
 * each component names a button the template has, with that button's {@code sub_type}; every button that needs a
 * parameter gets exactly one, of its type, with a value.
 */
final class TemplateButtonRules {

    private TemplateButtonRules() {
    }

    static void check(Template template, List<JsonNode> components) {
        Map<Integer, JsonNode> byIndex = new HashMap<>();
        for (JsonNode component : components) {
            int index = index(component.get("index"));
            if (index < 0 || index >= template.buttons().size()) {
                throw GraphError.invalidValue("buttons: template " + template.name() + " has no button at index "
                        + index + " (it has " + template.buttons().size() + ").").exception();
            }
            Template.Button button = template.buttons().get(index);
            String subType = component.get("sub_type").getStringValue();
            if (button.subType() != null && !button.subType().equals(subType)) {
                throw GraphError.invalidValue("buttons: Button at index " + index + " is of type " + button.type()
                        + "; its sub_type must be " + button.subType() + " (got " + subType + ").").exception();
            }
            byIndex.put(index, component);
        }
        for (int i = 0; i < template.buttons().size(); i++) {
            Template.Button button = template.buttons().get(i);
            JsonNode component = byIndex.get(i);
            JsonNode parameters = component == null ? null : component.get("parameters");
            int given = parameters == null || !parameters.isArray() ? 0 : parameters.size();
            if (button.needsParameter() && given != 1) {
                throw GraphError.missingParameter("buttons: Button at index " + i + " of type " + button.type()
                        + " requires a parameter").exception();
            }
            if (given > 0 && button.parameterType() != null) {
                parameter(button, i, parameters.get(0));
            }
        }
    }

    private static void parameter(Template.Button button, int index, JsonNode parameter) {
        String expected = button.parameterType();
        if (!expected.equals(type(parameter))) {
            throw GraphError.invalidValue("buttons: Button at index " + index + " of type " + button.type()
                    + " takes a parameter of type " + expected + " (got " + type(parameter) + ").").exception();
        }
        if (!isText(parameter, expected)) {
            throw GraphError.missingParameter("buttons: Button at index " + index + " of type " + button.type()
                    + ": Param " + expected + " is required").exception();
        }
        String value = parameter.get(expected).getStringValue();
        boolean code = button.otp() || "coupon_code".equals(expected);
        if (code && value.codePointCount(0, value.length()) > MAX_CODE_LENGTH) {
            throw GraphError.invalidValue("buttons: Button at index " + index + " of type " + button.type()
                    + ": the " + (button.otp() ? "one-time code" : "coupon code") + " must be at most "
                    + MAX_CODE_LENGTH + " characters.").exception();
        }
    }

    private static int index(JsonNode indexNode) {
        try {
            return indexNode.isNumber() ? indexNode.getIntValue() : Integer.parseInt(indexNode.getStringValue());
        } catch (RuntimeException e) {
            throw GraphError.invalidValue("Param template['components'][...]['index'] must be a number"
                    + " (got " + indexNode + ").").exception();
        }
    }
}
