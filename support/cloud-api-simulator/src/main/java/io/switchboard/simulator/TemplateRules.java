package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.switchboard.simulator.GraphError.TEMPLATE_DISABLED;
import static io.switchboard.simulator.GraphError.TEMPLATE_MISSING;
import static io.switchboard.simulator.GraphError.TEMPLATE_PARAM_COUNT;
import static io.switchboard.simulator.GraphError.TEMPLATE_PARAM_FORMAT;
import static io.switchboard.simulator.GraphError.TEMPLATE_PAUSED;

/**
 * Checks a template send (already well-formed per {@link SendRequestValidator}) against the {@link TemplateCatalog}
 * as Meta does. Unknown name or language, or a status other than APPROVED: 132001 (PAUSED: 132015, DISABLED:
 * 132016). Header: a TEXT header takes as many text parameters as it has placeholders, a media header exactly one
 * parameter of its format (else 132012). Body: as many parameters as distinct placeholders (else 132000); for a
 * NAMED template every parameter needs a {@code parameter_name} (else 131008) and the names must be the template's
 * (else 132000). Buttons: a button with a placeholder in its URL or a copy-code button needs a {@code button}
 * component at its index with one parameter (else 131008); an index the template has no button at is 131009.
 * With {@code simulator.templates.enforce} off only the category is looked up, for pricing.
 */
@Singleton
public class TemplateRules {

    private final TemplateCatalog catalog;
    private final boolean enforce;

    public TemplateRules(TemplateCatalog catalog, TemplatesConfig config) {
        this.catalog = catalog;
        this.enforce = config.isEnforce();
    }

    /** The template's category in lower case, for pricing; null when unknown and not enforced. */
    @Nullable
    public String check(JsonNode template) {
        String name = template.get("name").getStringValue();
        String language = template.get("language").get("code").getStringValue();
        Template found = catalog.find(name, language).orElse(null);
        if (!enforce) {
            return found == null ? null : found.category().toLowerCase(Locale.ROOT);
        }
        if (found == null) {
            List<String> languages = catalog.languagesOf(name);
            throw GraphError.template(TEMPLATE_MISSING, "template name (" + name + ") does not exist in " + language
                    + (languages.isEmpty() ? "" : " (it exists in " + String.join(", ", languages) + ")")).exception();
        }
        switch (found.status()) {
            case "APPROVED" -> { }
            case "PAUSED" -> throw GraphError.template(TEMPLATE_PAUSED, "template " + name + " (" + language
                    + ") is paused because of low quality").exception();
            case "DISABLED" -> throw GraphError.template(TEMPLATE_DISABLED, "template " + name + " (" + language
                    + ") has been disabled").exception();
            default -> throw GraphError.template(TEMPLATE_MISSING, "template name (" + name + ") does not exist in "
                    + language + ": its status is " + found.status() + ", not APPROVED").exception();
        }
        Map<String, List<JsonNode>> parts = components(template);
        header(found, parts.getOrDefault("header", List.of()));
        body(found, parts.getOrDefault("body", List.of()));
        buttons(found, parts.getOrDefault("button", List.of()));
        return found.category().toLowerCase(Locale.ROOT);
    }

    private static void header(Template template, List<JsonNode> parameters) {
        String format = template.headerFormat();
        if (format == null || "TEXT".equals(format)) {
            int expected = format == null ? 0 : template.headerTextParams();
            count("header", parameters.size(), expected);
            return;
        }
        String received = parameters.isEmpty() ? "UNKNOWN"
                : parameters.get(0).get("type").getStringValue().toUpperCase(Locale.ROOT);
        if (parameters.size() > 1 || !format.equals(received)) {
            throw GraphError.template(TEMPLATE_PARAM_FORMAT, "header: Format mismatch, expected " + format
                    + ", received " + received).exception();
        }
    }

    private static void body(Template template, List<JsonNode> parameters) {
        if (template.isNamed()) {
            for (int i = 0; i < parameters.size(); i++) {
                JsonNode parameter = parameters.get(i);
                JsonNode name = parameter.get("parameter_name");
                if ("text".equals(parameter.get("type").getStringValue())
                        && (name == null || !name.isString() || name.getStringValue().isBlank())) {
                    throw GraphError.missingParameter("body['parameters'][" + i + "]['parameter_name'] is required:"
                            + " template " + template.name() + " uses named parameters "
                            + template.bodyParams()).exception();
                }
            }
        }
        count("body", parameters.size(), template.bodyParams().size());
        if (template.isNamed()) {
            Set<String> names = new HashSet<>();
            for (JsonNode parameter : parameters) {
                JsonNode name = parameter.get("parameter_name");
                String value = name == null ? "" : name.getStringValue();
                if (!template.bodyParams().contains(value) || !names.add(value)) {
                    throw GraphError.template(TEMPLATE_PARAM_COUNT, "body: parameter_name (" + value + ") is not"
                            + " one of the template's parameters " + template.bodyParams() + " or is repeated")
                            .exception();
                }
            }
        }
    }

    private static void buttons(Template template, List<JsonNode> components) {
        Map<Integer, JsonNode> byIndex = new HashMap<>();
        for (JsonNode component : components) {
            JsonNode indexNode = component.get("index");
            int index;
            try {
                index = indexNode.isNumber() ? indexNode.getIntValue() : Integer.parseInt(indexNode.getStringValue());
            } catch (RuntimeException e) {
                throw GraphError.invalidValue("Param template['components'][...]['index'] must be a number"
                        + " (got " + indexNode + ").").exception();
            }
            if (index < 0 || index >= template.buttons().size()) {
                throw GraphError.invalidValue("buttons: template " + template.name() + " has no button at index "
                        + index + " (it has " + template.buttons().size() + ").").exception();
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
        }
    }

    private static void count(String component, int given, int expected) {
        if (given != expected) {
            throw GraphError.template(TEMPLATE_PARAM_COUNT, component + ": number of localizable_params (" + given
                    + ") does not match the expected number of params (" + expected + ")").exception();
        }
    }

    /** The parameters of each non-button component type, and the button components themselves. */
    private static Map<String, List<JsonNode>> components(JsonNode template) {
        Map<String, List<JsonNode>> parts = new HashMap<>();
        JsonNode components = template.get("components");
        if (components == null || components.isNull()) {
            return parts;
        }
        for (JsonNode component : components.values()) {
            String type = component.get("type").getStringValue();
            List<JsonNode> list = parts.computeIfAbsent(type, key -> new ArrayList<>());
            if ("button".equals(type)) {
                list.add(component);
                continue;
            }
            JsonNode parameters = component.get("parameters");
            if (parameters != null && parameters.isArray()) {
                parameters.values().forEach(list::add);
            }
        }
        return parts;
    }
}
