package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message template as the template list defines it, reduced to what a send is checked against: its status,
 * category and parameter format; the header's format and its placeholders; the body's placeholders
 * ({@code {{1}}}, {@code {{2}}}... for POSITIONAL, {@code {{customer_name}}}... for NAMED), each counted once;
 * whether a limited-time offer needs its expiration; and, per button, the {@code sub_type} a send must address it
 * with and the parameter it must give (see {@link Button}). {@code listing} is the template exactly as
 * {@code GET message_templates} shows it.
 */
public record Template(String id, String name, String language, String status, String category,
                       String parameterFormat, @Nullable String headerFormat, List<String> headerParams,
                       List<String> bodyParams, boolean offerExpires, List<Button> buttons,
                       Map<String, Object> listing) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    /** Where Meta points the button of an authentication template: it lists an OTP button as a URL button. */
    static final String OTP_URL_PREFIX = "https://www.whatsapp.com/otp/code/";

    /**
     * A button of the template.
     *
     * @param type the type as listed ({@code URL}, {@code QUICK_REPLY}, {@code OTP}, {@code COPY_CODE}...)
     * @param subType the {@code sub_type} of a send's button component for it; null when any is taken
     * @param parameterType the type of the one parameter it takes ({@code text}, {@code coupon_code},
     *                      {@code payload}); null when it takes none
     * @param needsParameter whether a send must give that parameter (a URL with a placeholder, a one-time code,
     *                       a coupon code); a quick reply's payload is optional
     * @param otp a one-time-password button (authentication templates), whose code is at most 15 characters
     */
    public record Button(String type, @Nullable String subType, @Nullable String parameterType,
                         boolean needsParameter, boolean otp) {
    }

    public boolean isNamed() {
        return "NAMED".equals(parameterFormat);
    }

    public boolean isApproved() {
        return "APPROVED".equals(status);
    }

    /** The same template with another status, in its listing too. */
    public Template withStatus(String newStatus) {
        Map<String, Object> changed = new LinkedHashMap<>(listing);
        changed.put("status", newStatus);
        return new Template(id, name, language, newStatus, category, parameterFormat, headerFormat, headerParams,
                bodyParams, offerExpires, buttons, changed);
    }

    /** Reads one template object; {@code listing} is what the list endpoint answers for it. */
    static Template of(JsonNode node, String id, Map<String, Object> listing) {
        String name = text(node, "name");
        String language = text(node, "language");
        String status = text(node, "status").toUpperCase(Locale.ROOT);
        String category = text(node, "category").toUpperCase(Locale.ROOT);
        JsonNode format = node.get("parameter_format");
        String parameterFormat = format == null ? "POSITIONAL" : format.getStringValue().toUpperCase(Locale.ROOT);
        String headerFormat = null;
        List<String> headerParams = List.of();
        List<String> bodyParams = List.of();
        boolean offerExpires = false;
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
                        headerParams = List.copyOf(placeholders(component.get("text")));
                    }
                }
                case "BODY" -> bodyParams = List.copyOf(placeholders(component.get("text")));
                case "LIMITED_TIME_OFFER" -> {
                    JsonNode offer = component.get("limited_time_offer");
                    JsonNode expires = offer == null ? null : offer.get("has_expiration");
                    offerExpires = expires != null && expires.isBoolean() && expires.getBooleanValue();
                }
                case "BUTTONS" -> {
                    JsonNode list = component.get("buttons");
                    for (JsonNode button : list == null ? List.<JsonNode>of() : list.values()) {
                        buttons.add(button(button));
                    }
                }
                default -> {
                    // FOOTER and others take no parameters.
                }
            }
        }
        return new Template(id, name, language, status, category, parameterFormat, headerFormat, headerParams,
                bodyParams, offerExpires, List.copyOf(buttons),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(listing)));
    }

    private static Button button(JsonNode button) {
        String type = text(button, "type").toUpperCase(Locale.ROOT);
        JsonNode url = button.get("url");
        boolean otpUrl = url != null && url.isString() && url.getStringValue().startsWith(OTP_URL_PREFIX);
        return switch (type) {
            // An OTP button as created (type OTP) or as Meta lists it once created (a URL to its OTP page): the
            // send gives the code as the url parameter, whatever the otp_type (copy code, one tap, zero tap).
            case "OTP" -> new Button(type, "url", "text", true, true);
            case "URL" -> new Button(type, "url", "text", otpUrl || !placeholders(url).isEmpty(), otpUrl);
            case "COPY_CODE" -> new Button(type, "copy_code", "coupon_code", true, false);
            case "QUICK_REPLY" -> new Button(type, "quick_reply", "payload", false, false);
            default -> new Button(type, null, null, false, false);
        };
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
