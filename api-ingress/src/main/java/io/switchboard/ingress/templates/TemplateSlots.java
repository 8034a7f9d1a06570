package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters a template needs, read from its components as the Cloud API lists them: every {@code {{n}}} or
 * {@code {{name}}} placeholder of a TEXT header and of the body, one media parameter for an IMAGE/VIDEO/DOCUMENT
 * header, and one parameter per URL button whose url has a placeholder. Each slot has a placeholder name used by the
 * variable mappings: {@code header.1}, {@code header.image}, {@code body.1}, {@code body.customer_name},
 * {@code button.0.1}. Positional placeholders are ordered by number (the order Meta fills them in), named ones by
 * first appearance.
 *
 * @param slots every parameter the template needs, header first, then body, then buttons
 */
public record TemplateSlots(List<Slot> slots) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    /**
     * One parameter of a template.
     *
     * @param component header, body or button
     * @param buttonIndex the button's index (buttons only)
     * @param key the placeholder's number or name, or the media format of a media header
     * @param mediaType image, video or document for a media header; null for text
     */
    public record Slot(String component, String buttonIndex, String key, String mediaType) {

        /** e.g. body.1, header.image, button.0.1. */
        public String placeholder() {
            return component + (buttonIndex == null ? "" : "." + buttonIndex) + "." + key;
        }

        public boolean isMedia() {
            return mediaType != null;
        }
    }

    /** Reads components JSON; anything unreadable counts as "no parameters" (the Cloud API then judges). */
    public static TemplateSlots of(String componentsJson) {
        List<Slot> header = new ArrayList<>();
        List<Slot> body = new ArrayList<>();
        List<Slot> buttons = new ArrayList<>();
        JsonNode components;
        try {
            components = JSON.readTree(componentsJson);
        } catch (Exception e) {
            return new TemplateSlots(List.of());
        }
        for (JsonNode component : components == null ? JSON.createArrayNode() : components) {
            String type = component.path("type").asText("").toUpperCase(Locale.ROOT);
            switch (type) {
                case "HEADER" -> {
                    String format = component.path("format").asText("TEXT").toLowerCase(Locale.ROOT);
                    if (format.equals("text")) {
                        keys(component.path("text").asText("")).forEach(k -> header.add(new Slot("header", null, k,
                                null)));
                    } else if (Set.of("image", "video", "document").contains(format)) {
                        header.add(new Slot("header", null, format, format));
                    }
                }
                case "BODY" -> keys(component.path("text").asText(""))
                        .forEach(k -> body.add(new Slot("body", null, k, null)));
                case "BUTTONS" -> {
                    int index = 0;
                    for (JsonNode button : component.path("buttons")) {
                        if ("URL".equalsIgnoreCase(button.path("type").asText())
                                && !keys(button.path("url").asText("")).isEmpty()) {
                            buttons.add(new Slot("button", Integer.toString(index), "1", null));
                        }
                        index++;
                    }
                }
                default -> {
                    // FOOTER and others take no parameters.
                }
            }
        }
        List<Slot> all = new ArrayList<>(header);
        all.addAll(body);
        all.addAll(buttons);
        return new TemplateSlots(List.copyOf(all));
    }

    /** Slots of one component (button: of one index). */
    public List<Slot> of(String component, String buttonIndex) {
        return slots.stream().filter(s -> s.component().equals(component)
                && (buttonIndex == null || buttonIndex.equals(s.buttonIndex()))).toList();
    }

    private static List<String> keys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        List<String> ordered = new ArrayList<>(keys);
        if (ordered.stream().allMatch(k -> k.matches("\\d+"))) {
            ordered.sort(Comparator.comparingInt(Integer::parseInt));
        }
        return ordered;
    }
}
