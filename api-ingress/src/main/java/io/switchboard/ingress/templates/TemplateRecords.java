package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.Template;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one entry of the Cloud API's template list into our Template record: name, language, category, status,
 * parameter format (POSITIONAL unless the Cloud API says NAMED), the components exactly as listed, and the variable
 * mapping of {@link TemplateMappings}. Entries without a name or language are skipped (null).
 */
public final class TemplateRecords {

    private TemplateRecords() {
    }

    @Nullable
    public static Template from(String accountId, JsonNode entry, TemplateMappings mappings, Instant now) {
        String name = entry.path("name").asText("");
        String language = entry.path("language").asText("");
        if (name.isBlank() || language.isBlank()) {
            return null;
        }
        String components = entry.path("components").isArray() ? entry.path("components").toString() : "[]";
        String format = entry.path("parameter_format").asText("POSITIONAL").toUpperCase(Locale.ROOT);
        return Template.newBuilder()
                .setAccountId(accountId)
                .setName(name)
                .setLanguage(language)
                .setCategory(entry.path("category").asText("").toUpperCase(Locale.ROOT))
                .setStatus(entry.path("status").asText("").toUpperCase(Locale.ROOT))
                .setParameterFormat(format.equals("NAMED") ? "NAMED" : "POSITIONAL")
                .setComponentsJson(components)
                .setVariableMapping(mappings.mappingFor(name, TemplateSlots.of(components)))
                .setSyncedAt(now)
                .build();
    }

    /** Same content, whenever it was synchronised: only changes are written back to the topic. */
    public static boolean sameContent(@Nullable Template a, @Nullable Template b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getName().equals(b.getName()) && a.getLanguage().equals(b.getLanguage())
                && a.getCategory().equals(b.getCategory()) && a.getStatus().equals(b.getStatus())
                && a.getParameterFormat().equals(b.getParameterFormat())
                && a.getComponentsJson().equals(b.getComponentsJson())
                && Objects.equals(Map.copyOf(a.getVariableMapping()), Map.copyOf(b.getVariableMapping()));
    }
}
