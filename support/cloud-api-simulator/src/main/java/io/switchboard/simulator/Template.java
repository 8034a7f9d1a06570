package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message template as the template list defines it, reduced to what a send is checked against: its status,
 * category and parameter format; the header's format and how many text parameters it takes; the body's
 * placeholders ({@code {{1}}}, {{2}}... for POSITIONAL, {@code {{customer_name}}}... for NAMED), each counted once;
 * and, per button, whether the send must give it a parameter (a URL button whose {@code url} has a placeholder, a
 * copy-code button). {@code listing} is the template exactly as {@code GET message_templates} shows it.
 */
public record Template(String id, String name, String language, String status, String category,
                       String parameterFormat, @Nullable String headerFormat, int headerTextParams,
                       List<String> bodyParams, List<Button> buttons, Object listing) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    /** A button of the template: its Meta type ({@code URL}, {@code QUICK_REPLY}, {@code OTP}...). */
    public record Button(String type, boolean needsParameter) {
    }

    public boolean isNamed() {
        return "NAMED".equals(parameterFormat);
    }

    public boolean isApproved() {
        return "APPROVED".equals(status);
    }

    /** Reads one template object; {@code listing} is what the list endpoint answers for it. */
    static Template of(JsonNode node, String id, Object listing) {
        String name = text(node, "name");
        String language = text(node, "language");
        String status = text(node, "status").toUpperCase(Locale.ROOT);
        String category = text(node, "category").toUpperCase(Locale.ROOT);
        JsonNode format = node.get("parameter_format");
        String parameterFormat = format == null ? "POSITIONAL" : format.getStringValue().toUpperCase(Locale.ROOT);
        String headerFormat = null;
        int headerTextParams = 0;
        List<String> bodyParams = List.of();
        List<Button> buttons = new ArrayList<>();
        JsonNode components = node.get("components");
        if (components == null || !components.isArray()) {
            throw new IllegalArgumentException("template " + name + "/" + language + " has no components array");
        }
        for (JsonNode component : components.values()) {
            String type = text(component, "type").toUpperCase(Locale.ROOT);
            switch (type) {
                case "HEADER" -> {
                    headerFormat = text(component, "format").toUpperCase(Locale.ROOT);
                    if ("TEXT".equals(headerFormat)) {
                        headerTextParams = placeholders(component.get("text")).size();
                    }
                }
                case "BODY" -> bodyParams = List.copyOf(placeholders(component.get("text")));
                case "BUTTONS" -> {
                    JsonNode list = component.get("buttons");
                    for (JsonNode button : list == null ? List.<JsonNode>of() : list.values()) {
                        String buttonType = text(button, "type").toUpperCase(Locale.ROOT);
                        boolean dynamicUrl = "URL".equals(buttonType) && !placeholders(button.get("url")).isEmpty();
                        boolean copyCode = "COPY_CODE".equals(buttonType) || "OTP".equals(buttonType)
                                && button.get("otp_type") != null
                                && "COPY_CODE".equalsIgnoreCase(button.get("otp_type").getStringValue());
                        buttons.add(new Button(buttonType, dynamicUrl || copyCode));
                    }
                }
                default -> {
                    // FOOTER and others take no parameters.
                }
            }
        }
        return new Template(id, name, language, status, category, parameterFormat, headerFormat, headerTextParams,
                bodyParams, List.copyOf(buttons), listing);
    }

    private static Set<String> placeholders(@Nullable JsonNode text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null && text.isString()) {
            Matcher matcher = PLACEHOLDER.matcher(text.getStringValue());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString() || value.getStringValue().isBlank()) {
            throw new IllegalArgumentException("template field \"" + key + "\" is required (a string): " + node);
        }
        return value.getStringValue();
    }
}
