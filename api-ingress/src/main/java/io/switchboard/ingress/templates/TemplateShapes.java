package io.switchboard.ingress.templates;

import io.switchboard.schemas.avro.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a send needs to know of a template's parameters (its slots and which variable names fill each placeholder),
 * worked out once per template record rather than on every send: parsing the components JSON and grouping the
 * variable mapping per request was a tenth of the event loop's time on template sends (docs/BENCHMARKS.md, the
 * ingress profile). Keyed by the record's identity: the template table replaces a record when the template changes,
 * so a changed template is a new key. The cache is bounded by emptying it when it grows past
 * {@value #MAX_ENTRIES} (replaced records are then forgotten too).
 *
 * <p>The names come from the record's variable mapping, resolved onto the slots again (a record written before a
 * slot existed gets its default names); per slot the default names first, in their order, then the others sorted,
 * so the first is the one to show.
 *
 * @param slots the template's parameters, header first, then body, then buttons
 * @param namesByPlaceholder slot placeholder → the variable names that fill it, the one to show first
 */
public record TemplateShapes(TemplateSlots slots, Map<String, List<String>> namesByPlaceholder) {

    static final int MAX_ENTRIES = 4096;
    private static final Map<Identity, TemplateShapes> CACHE = new ConcurrentHashMap<>();

    /** The shapes of {@code template}, computed on first use. */
    public static TemplateShapes of(Template template) {
        Identity key = new Identity(template);
        TemplateShapes shapes = CACHE.get(key);
        if (shapes != null) {
            return shapes;
        }
        if (CACHE.size() >= MAX_ENTRIES) {
            CACHE.clear();
        }
        TemplateSlots slots = TemplateSlots.of(template.getComponentsJson());
        shapes = new TemplateShapes(slots, Collections.unmodifiableMap(names(template, slots)));
        CACHE.put(key, shapes);
        return shapes;
    }

    /** The names that fill a slot, the one to show first; empty when none can. */
    public List<String> names(TemplateSlots.Slot slot) {
        return namesByPlaceholder.getOrDefault(slot.placeholder(), List.of());
    }

    private static Map<String, List<String>> names(Template template, TemplateSlots slots) {
        Map<String, String> recorded = new HashMap<>();
        template.getVariableMapping().forEach((variable, placeholder) ->
                recorded.put(variable.toString(), placeholder.toString()));
        Map<String, List<String>> names = new HashMap<>();
        TemplateMappings.resolve(recorded, slots, (variable, placeholder) -> { })
                .forEach((variable, placeholder) -> names.computeIfAbsent(placeholder, k -> new ArrayList<>())
                        .add(variable));
        for (TemplateSlots.Slot slot : slots.slots()) {
            List<String> defaults = TemplateMappings.defaultNames(slot, slots);
            names.computeIfPresent(slot.placeholder(), (k, list) -> {
                list.sort(Comparator.<String>comparingInt(n -> defaults.contains(n) ? defaults.indexOf(n)
                        : defaults.size()).thenComparing(Comparator.naturalOrder()));
                return List.copyOf(list);
            });
        }
        return names;
    }

    /** A record compared by identity: hashing an Avro record walks all its fields. */
    private record Identity(Template template) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.template == template;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(template);
        }
    }
}
