package io.switchboard.ingress.templates;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variable mapping of each template for named sends: configured as
 * {@code switchboard.ingress.template-mappings.<template-name>.<variable>: <placeholder>} (e.g.
 * {@code order_confirmation.customer_name: body.1}); several variables may name one placeholder (aliases, e.g.
 * {@code total_amount} and {@code total}). A placeholder is a slot's name or one of the parameters it fills
 * ({@link TemplateSlots}). Every slot no configured variable names gets default variables, the first the one shown:
 * a named placeholder its own name ({@code {{customer_name}}} → {@code customer_name}); a positional body
 * placeholder its number ({@code 1}); a positional text header {@code header} (also {@code header_1}); a media
 * header {@code header_image}, {@code header_video}, {@code header_document} (with {@code header_filename}); a
 * location header {@code header_location}; the one URL button with a variable suffix {@code button_url} (several:
 * {@code button_url_<index>}; also {@code button_<index>_1}, the older name); the one-time code of an
 * authentication template {@code code} (also {@code otp}, {@code 1} and {@code button_<index>_1}, which earlier
 * clients sent); a coupon code {@code coupon_code}; a limited-time offer's expiration {@code offer_expires_at}
 * (also {@code expiration_time_ms}). A default name already taken by an earlier slot is skipped. Configured
 * entries naming a placeholder the template lacks are dropped.
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

    /** Variable → slot placeholder for a template with these slots: the configured ones, then the defaults. */
    public Map<String, String> mappingFor(String templateName, TemplateSlots slots) {
        return resolve(configured.getOrDefault(templateName, Map.of()), slots, (variable, placeholder) ->
                LOG.debug("Template {}: mapping {} -> {} names no placeholder of this template; ignored",
                        templateName, variable, placeholder));
    }

    /** The given mapping onto these slots' placeholders, plus the default names of every slot it leaves out. */
    static Map<String, String> resolve(Map<String, String> given, TemplateSlots slots,
                                       BiConsumer<String, String> dropped) {
        Map<String, String> mapping = new LinkedHashMap<>();
        given.forEach((variable, placeholder) -> {
            TemplateSlots.Slot slot = slots.named(placeholder);
            if (slot == null) {
                dropped.accept(variable, placeholder);
            } else {
                mapping.put(variable, slot.placeholder());
            }
        });
        for (TemplateSlots.Slot slot : slots.slots()) {
            if (!mapping.containsValue(slot.placeholder())) {
                defaultNames(slot, slots).forEach(name -> mapping.putIfAbsent(name, slot.placeholder()));
            }
        }
        return mapping;
    }

    /** The names a slot gets when no mapping names it, the one shown first. */
    static List<String> defaultNames(TemplateSlots.Slot slot, TemplateSlots slots) {
        boolean number = slot.key().matches("\\d+");
        String legacy = "button_" + slot.buttonIndex() + "_1";
        long urlButtons = slots.slots().stream().filter(s -> s.kind() == TemplateSlots.Kind.URL_SUFFIX).count();
        return switch (slot.kind()) {
            case TEXT -> slot.component().equals("header") && number ? List.of("header", "header_" + slot.key())
                    : List.of(slot.key());
            case MEDIA, LOCATION, FILENAME -> List.of("header_" + slot.key());
            case OFFER_EXPIRATION -> List.of("offer_expires_at", "expiration_time_ms");
            case URL_SUFFIX -> urlButtons == 1 ? List.of("button_url", legacy)
                    : List.of("button_url_" + slot.buttonIndex(), legacy);
            case OTP -> slot.fills().contains("body.1") ? List.of("code", "otp", "1", legacy)
                    : List.of("code", "otp", legacy);
            case COUPON -> List.of("coupon_code");
        };
    }
}
