package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The message templates of every simulated WhatsApp Business account (WABA), and which WABA each business number
 * belongs to. The WABA {@code simulator.waba-id} starts with the built-in list (classpath {@value #RESOURCE}) plus
 * {@code simulator.templates.file} (replacing built-ins of the same name and language); each entry of
 * {@code simulator.templates.waba-files} starts another WABA with the templates of its file;
 * {@code simulator.templates.phone-numbers} assigns numbers to WABAs. A number assigned to none belongs to
 * {@code simulator.waba-id}, so a send from any number works as before there were several WABAs. At run time
 * {@code /_sim/wabas} ({@link TemplateAdminController}) adds, replaces and deletes templates and WABAs and changes
 * statuses. A WABA that does not exist answers Meta's code 100 on its list; one that exists may have no templates.
 * A malformed file stops the simulator at start-up with the reason, rather than answering sends against half a list.
 */
@Singleton
public class TemplateCatalog {

    static final String RESOURCE = "simulator/templates.json";

    private final String defaultWaba;
    /** WABA id → its templates, in list order; each list is immutable and replaced whole. */
    private final Map<String, List<Template>> byWaba = new ConcurrentHashMap<>();
    /** Business number → WABA id, for numbers assigned explicitly. */
    private final Map<String, String> numbers = new ConcurrentHashMap<>();

    public TemplateCatalog(TemplatesConfig config, SimulatorConfig simulator, JsonMapper json) {
        this.defaultWaba = simulator.getWabaId();
        Map<String, Template> initial = new LinkedHashMap<>();
        if (config.isBuiltin()) {
            try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
                }
                TemplateFiles.parse(json, in.readAllBytes(), RESOURCE).forEach(t -> initial.put(key(t), t));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (config.getFile() != null && !config.getFile().isBlank()) {
            read(json, config.getFile(), "simulator.templates.file").forEach(t -> initial.put(key(t), t));
        }
        byWaba.put(defaultWaba, List.copyOf(initial.values()));
        config.getWabaFiles().forEach((waba, file) -> {
            Map<String, Template> templates = new LinkedHashMap<>();
            read(json, file, "simulator.templates.waba-files." + waba).forEach(t -> templates.put(key(t), t));
            byWaba.put(waba, List.copyOf(templates.values()));
        });
        config.getPhoneNumbers().forEach((number, waba) -> {
            byWaba.putIfAbsent(waba, List.of());
            numbers.put(number, waba);
        });
    }

    private static List<Template> read(JsonMapper json, String file, String setting) {
        Path path = Path.of(file.trim());
        try {
            return TemplateFiles.parse(json, Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + setting + " " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public String defaultWabaId() {
        return defaultWaba;
    }

    /** The WABA a business number belongs to: its assignment, else the default WABA. */
    public String wabaOf(String phoneNumberId) {
        return numbers.getOrDefault(phoneNumberId, defaultWaba);
    }

    public boolean exists(String wabaId) {
        return byWaba.containsKey(wabaId);
    }

    /** Every template of the default WABA, in list order. */
    public List<Template> all() {
        return all(defaultWaba);
    }

    /** Every template of a WABA, in list order; none for an unknown WABA. */
    public List<Template> all(String wabaId) {
        return byWaba.getOrDefault(wabaId, List.of());
    }

    /** The template of that name in that language in the default WABA. */
    public Optional<Template> find(String name, String language) {
        return find(defaultWaba, name, language);
    }

    /** The template of that name in that language (an exact code: {@code en} is not {@code en_US}). */
    public Optional<Template> find(String wabaId, String name, String language) {
        return all(wabaId).stream().filter(t -> t.name().equals(name) && t.language().equals(language)).findFirst();
    }

    /** The languages a template name exists in, for error details. */
    public List<String> languagesOf(String wabaId, String name) {
        return all(wabaId).stream().filter(t -> t.name().equals(name)).map(Template::language).toList();
    }

    /** Creates the WABA if it does not exist (with no templates). */
    public void createWaba(String wabaId) {
        byWaba.putIfAbsent(wabaId, List.of());
    }

    /** Deletes a WABA and its templates; its numbers fall back to the default WABA. False when unknown. */
    public boolean deleteWaba(String wabaId) {
        numbers.values().removeIf(wabaId::equals);
        return byWaba.remove(wabaId) != null;
    }

    /** Assigns a business number to a WABA, creating the WABA if needed. */
    public void assign(String phoneNumberId, String wabaId) {
        createWaba(wabaId);
        numbers.put(phoneNumberId, wabaId);
    }

    /** The numbers assigned to each WABA, by WABA id (every WABA, also those with none). */
    public Map<String, List<String>> numbersByWaba() {
        Map<String, List<String>> result = new TreeMap<>();
        byWaba.keySet().forEach(waba -> result.put(waba, new ArrayList<>()));
        numbers.forEach((number, waba) -> result.computeIfAbsent(waba, k -> new ArrayList<>()).add(number));
        result.values().forEach(list -> list.sort(null));
        return result;
    }

    /** Adds each template, replacing one of the same name and language in place; creates the WABA if needed. */
    public void put(String wabaId, List<Template> templates) {
        byWaba.compute(wabaId, (waba, current) -> {
            Map<String, Template> merged = new LinkedHashMap<>();
            (current == null ? List.<Template>of() : current).forEach(t -> merged.put(key(t), t));
            templates.forEach(t -> merged.put(key(t), t));
            return List.copyOf(merged.values());
        });
    }

    /** Removes the template in one language, or in all when {@code language} is null; answers how many went. */
    public int remove(String wabaId, String name, @Nullable String language) {
        int[] removed = {0};
        byWaba.computeIfPresent(wabaId, (waba, current) -> {
            List<Template> kept = current.stream().filter(t -> !matches(t, name, language)).toList();
            removed[0] = current.size() - kept.size();
            return kept;
        });
        return removed[0];
    }

    /** Sets the status of the template in one language (or all); answers the changed templates. */
    public List<Template> setStatus(String wabaId, String name, @Nullable String language, String status) {
        List<Template> changed = new ArrayList<>();
        byWaba.computeIfPresent(wabaId, (waba, current) -> current.stream().map(t -> {
            if (!matches(t, name, language)) {
                return t;
            }
            Template updated = t.withStatus(status);
            changed.add(updated);
            return updated;
        }).toList());
        return changed;
    }

    private static boolean matches(Template template, String name, @Nullable String language) {
        return template.name().equals(name) && (language == null || template.language().equals(language));
    }

    private static String key(Template template) {
        return template.name() + '|' + template.language();
    }

    /** The page of the default WABA's templates matching {@code filter}; see {@link TemplatePages}. */
    public TemplatePages.Page page(Predicate<Template> filter, int limit, @Nullable String after,
                                   @Nullable String before) {
        return TemplatePages.page(all(), filter, limit, after, before);
    }
}
