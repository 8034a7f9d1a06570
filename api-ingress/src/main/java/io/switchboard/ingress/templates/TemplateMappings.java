package io.switchboard.ingress.templates;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variable mapping of each template for named sends (seed 000's "Template Configuration"): configured as
 * {@code switchboard.ingress.template-mappings.<template-name>.<variable>: <placeholder>} (e.g.
 * {@code order_confirmation.customer_name: body.1}); several variables may name one placeholder (aliases, e.g.
 * {@code total_amount} and {@code total}). Every placeholder no configured variable names gets a default variable: a
 * named placeholder's own name ({@code {{customer_name}}} → {@code customer_name}), a positional body placeholder its
 * number ({@code 1}), a positional header placeholder {@code header_1}, a media header {@code header_image} (etc.),
 * a URL button {@code button_0_1}. Configured entries naming a placeholder the template lacks are dropped.
 */
@Singleton
public class TemplateMappings {

    public static final String PREFIX = "switchboard.ingress.template-mappings";
    private static final Logger LOG = LoggerFactory.getLogger(TemplateMappings.class);

    private final Map<String, Map<String, String>> configured;

    @Inject
    public TemplateMappings(Environment environment) {
        this(read(environment));
    }

    public TemplateMappings(Map<String, Map<String, String>> configured) {
        this.configured = Map.copyOf(configured);
    }

    private static Map<String, Map<String, String>> read(Environment environment) {
        Map<String, Map<String, String>> mappings = new HashMap<>();
        Map<String, Object> raw = environment.getProperties(PREFIX, StringConvention.RAW);
        raw.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot > 0 && value != null) {
                mappings.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(key.substring(dot + 1), value.toString().strip());
            }
        });
        return mappings;
    }

    /** Variable → placeholder for a template with these slots. */
    public Map<String, String> mappingFor(String templateName, TemplateSlots slots) {
        Set<String> placeholders = slots.slots().stream().map(TemplateSlots.Slot::placeholder)
                .collect(Collectors.toSet());
        Map<String, String> mapping = new LinkedHashMap<>();
        configured.getOrDefault(templateName, Map.of()).forEach((variable, placeholder) -> {
            if (placeholders.contains(placeholder)) {
                mapping.put(variable, placeholder);
            } else {
                LOG.debug("Template {}: mapping {} -> {} names no placeholder of this template; ignored",
                        templateName, variable, placeholder);
            }
        });
        for (TemplateSlots.Slot slot : slots.slots()) {
            if (!mapping.containsValue(slot.placeholder())) {
                mapping.putIfAbsent(defaultName(slot), slot.placeholder());
            }
        }
        return mapping;
    }

    static String defaultName(TemplateSlots.Slot slot) {
        boolean number = slot.key().matches("\\d+");
        return switch (slot.component()) {
            case "body" -> slot.key();
            case "header" -> slot.isMedia() || number ? "header_" + slot.key() : slot.key();
            default -> "button_" + slot.buttonIndex() + "_" + slot.key();
        };
    }
}
