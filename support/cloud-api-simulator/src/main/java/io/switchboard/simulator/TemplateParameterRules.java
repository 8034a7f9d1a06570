package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.simulator.GraphError.TEMPLATE_PARAM_COUNT;
import static io.switchboard.simulator.GraphError.TEMPLATE_PARAM_FORMAT;
import static io.switchboard.simulator.GraphError.TEMPLATE_PARAM_TEXT;

/**
 * Whether a send gives an approved template every parameter it needs, checked as Meta checks it:
 * <ul>
 *   <li>Header: a TEXT header takes one text parameter per placeholder (else 132000); a media or location header
 *       exactly one parameter of its format (else 132012) whose object has a {@code link} or an {@code id}
 *       (location: {@code latitude} and {@code longitude}; else 131008).</li>
 *   <li>Body: one parameter per distinct placeholder (else 132000), each {@code text}, {@code currency} or
 *       {@code date_time} (else 132012) with its value (else 131008).</li>
 *   <li>NAMED templates: every text parameter of header and body needs {@code parameter_name} (else 131008), one
 *       of the template's names, none twice (else 132000).</li>
 *   <li>Text values: no line break, no tab, no run of more than four spaces (132018).</li>
 *   <li>A limited-time offer with an expiration: a {@code limited_time_offer} component whose parameter has an
 *       integer {@code expiration_time_ms} (else 131008).</li>
 *   <li>Buttons: an index the template has (else 131009) addressed with the button's {@code sub_type} (url for URL
 *       and OTP buttons, copy_code, quick_reply; else 131009); a URL with a placeholder, an OTP button and a
 *       copy-code button need exactly one parameter (else 131008: "Button at index 0 of type OTP requires a
 *       parameter") of the right type ({@code text}, {@code coupon_code}; a quick reply's optional
 *       {@code payload}; else 131009); a one-time code or a coupon code is at most 15 characters (131009).</li>
 * </ul>
 */
final class TemplateParameterRules {

    static final int MAX_CODE_LENGTH = 15;
    private static final Pattern BAD_WHITESPACE = Pattern.compile("[\\n\\r\\t]| {5,}");
    private static final Set<String> MEDIA = Set.of("IMAGE", "VIDEO", "DOCUMENT");
    private static final Set<String> BODY_TYPES = Set.of("text", "currency", "date_time");

    private TemplateParameterRules() {
    }

    static void check(Template template, @Nullable JsonNode components) {
        Map<String, List<JsonNode>> parts = parts(components);
        header(template, parts.getOrDefault("header", List.of()));
        body(template, parts.getOrDefault("body", List.of()));
        offer(template, parts.getOrDefault("limited_time_offer", List.of()));
        TemplateButtonRules.check(template, parts.getOrDefault("button", List.of()));
    }

    private static void header(Template template, List<JsonNode> parameters) {
        String format = template.headerFormat();
        if (format == null || "TEXT".equals(format)) {
            for (int i = 0; i < parameters.size(); i++) {
                if (!"text".equals(type(parameters.get(i)))) {
                    throw formatMismatch("header", "TEXT", type(parameters.get(i)));
                }
            }
            textValues(template, "header", parameters, template.headerParams());
            return;
        }
        String received = parameters.isEmpty() ? "UNKNOWN" : type(parameters.get(0)).toUpperCase(Locale.ROOT);
        if (parameters.size() > 1 || !format.equals(received)) {
            throw formatMismatch("header", format, received);
        }
        String type = format.toLowerCase(Locale.ROOT);
        JsonNode object = parameters.get(0).get(type);
        if (MEDIA.contains(format)) {
            boolean link = isText(object, "link");
            boolean id = isText(object, "id");
            if (link == id) {
                throw GraphError.missingParameter("header: Param " + type + " needs exactly one of link or id")
                        .exception();
            }
        } else if ("LOCATION".equals(format) && (object == null || !isNumber(object, "latitude")
                || !isNumber(object, "longitude"))) {
            throw GraphError.missingParameter("header: Param location needs a latitude and a longitude")
                    .exception();
        }
    }

    private static void body(Template template, List<JsonNode> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (!BODY_TYPES.contains(type(parameters.get(i)))) {
                throw GraphError.template(TEMPLATE_PARAM_FORMAT, "body: parameter " + i + " is of type "
                        + type(parameters.get(i)) + "; the body takes text, currency or date_time").exception();
            }
        }
        textValues(template, "body", parameters, template.bodyParams());
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            String type = type(parameter);
            JsonNode value = parameter.get(type);
            boolean present = switch (type) {
                case "currency" -> value != null && isText(value, "fallback_value") && isText(value, "code")
                        && value.get("amount_1000") != null && value.get("amount_1000").isNumber();
                case "date_time" -> value != null && isText(value, "fallback_value");
                default -> true;
            };
            if (!present) {
                throw GraphError.missingParameter("body: Parameter " + i + " of type " + type + " is missing its "
                        + type + " value").exception();
            }
        }
    }

    /** Names (NAMED templates), count, and the text of each text parameter of the header or the body. */
    private static void textValues(Template template, String component, List<JsonNode> parameters,
                                   List<String> placeholders) {
        if (template.isNamed()) {
            for (int i = 0; i < parameters.size(); i++) {
                JsonNode parameter = parameters.get(i);
                if ("text".equals(type(parameter)) && !isText(parameter, "parameter_name")) {
                    throw GraphError.missingParameter(component + "['parameters'][" + i + "]['parameter_name'] is"
                            + " required: template " + template.name() + " uses named parameters " + placeholders)
                            .exception();
                }
            }
        }
        count(component, parameters.size(), placeholders.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            if (template.isNamed()) {
                String name = isText(parameter, "parameter_name") ? parameter.get("parameter_name").getStringValue()
                        : "";
                if (!placeholders.contains(name) || !names.add(name)) {
                    throw GraphError.template(TEMPLATE_PARAM_COUNT, component + ": parameter_name (" + name + ") is"
                            + " not one of the template's parameters " + placeholders + " or is repeated").exception();
                }
            }
            if ("text".equals(type(parameter))) {
                if (!isText(parameter, "text")) {
                    throw GraphError.missingParameter(component + ": Parameter " + i + " of type text is missing"
                            + " its text value").exception();
                }
                if (BAD_WHITESPACE.matcher(parameter.get("text").getStringValue()).find()) {
                    throw GraphError.template(TEMPLATE_PARAM_TEXT, component + ": Param text cannot have"
                            + " new-line/tab characters or more than 4 consecutive spaces").exception();
                }
            }
        }
    }

    private static void offer(Template template, List<JsonNode> parameters) {
        if (!template.offerExpires()) {
            return;
        }
        JsonNode offer = parameters.size() == 1 && "limited_time_offer".equals(type(parameters.get(0)))
                ? parameters.get(0).get("limited_time_offer") : null;
        JsonNode expiration = offer == null ? null : offer.get("expiration_time_ms");
        if (expiration == null || !expiration.isNumber()) {
            throw GraphError.missingParameter("limited_time_offer: template " + template.name() + " has an offer"
                    + " expiration: Param limited_time_offer['expiration_time_ms'] is required").exception();
        }
    }

    private static void count(String component, int given, int expected) {
        if (given != expected) {
            throw GraphError.template(TEMPLATE_PARAM_COUNT, component + ": number of localizable_params (" + given
                    + ") does not match the expected number of params (" + expected + ")").exception();
        }
    }

    private static GraphErrorException formatMismatch(String component, String expected, String received) {
        return GraphError.template(TEMPLATE_PARAM_FORMAT, component + ": Format mismatch, expected " + expected
                + ", received " + received.toUpperCase(Locale.ROOT)).exception();
    }

    static String type(JsonNode parameter) {
        JsonNode type = parameter.get("type");
        return type == null || !type.isString() ? "" : type.getStringValue().toLowerCase(Locale.ROOT);
    }

    static boolean isText(@Nullable JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value != null && value.isString() && !value.getStringValue().isBlank();
    }

    private static boolean isNumber(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isNumber();
    }

    /** The parameters of each non-button component type, and the button components themselves. */
    private static Map<String, List<JsonNode>> parts(@Nullable JsonNode components) {
        Map<String, List<JsonNode>> parts = new HashMap<>();
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
