package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

import static io.switchboard.simulator.GraphError.TEMPLATE_DISABLED;
import static io.switchboard.simulator.GraphError.TEMPLATE_MISSING;
import static io.switchboard.simulator.GraphError.TEMPLATE_PAUSED;

/**
 * Checks a template send (already well-formed per {@link SendRequestValidator}) against the templates of the
 * sending number's WABA ({@link TemplateCatalog}), as Meta does: a name or language the WABA does not have, or a
 * status other than APPROVED, is 132001 (PAUSED: 132015, DISABLED: 132016), so a number cannot send another WABA's
 * templates; then every parameter the template needs, by {@link TemplateParameterRules}. With
 * {@code simulator.templates.enforce} off only the category is looked up, for pricing.
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
    public String check(String phoneNumberId, JsonNode template) {
        String name = template.get("name").getStringValue();
        String language = template.get("language").get("code").getStringValue();
        String waba = catalog.wabaOf(phoneNumberId);
        Template found = catalog.find(waba, name, language).orElse(null);
        if (!enforce) {
            return found == null ? null : found.category().toLowerCase(Locale.ROOT);
        }
        if (found == null) {
            List<String> languages = catalog.languagesOf(waba, name);
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
        TemplateParameterRules.check(found, template.get("components"));
        return found.category().toLowerCase(Locale.ROOT);
    }
}
