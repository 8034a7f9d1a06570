package io.switchboard.ingress.templates;

import io.switchboard.schemas.avro.Template;
import java.util.Collections;
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
 * @param slots the template's parameters, header first, then body, then buttons
 * @param namesByPlaceholder placeholder → the variable names mapped onto it, sorted
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
        shapes = new TemplateShapes(TemplateSlots.of(template.getComponentsJson()),
                Collections.unmodifiableMap(TemplateViews.namesByPlaceholder(template)));
        CACHE.put(key, shapes);
        return shapes;
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
