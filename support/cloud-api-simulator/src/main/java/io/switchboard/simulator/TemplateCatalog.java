package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WABA's message templates: the built-in list (classpath {@value #RESOURCE}) plus the templates of
 * {@code simulator.templates.file}, which replace built-in ones of the same name and language. Both files use the
 * shape of Meta's own {@code GET message_templates} answer ({@code {"data":[...]}}, or a bare array), so a dump of
 * a real WABA's list can be dropped in. A template without an {@code id} gets a stable one derived from its name
 * and language; a malformed file stops the simulator at start-up with the reason, rather than answering sends
 * against half a list.
 */
@Singleton
public class TemplateCatalog {

    static final String RESOURCE = "simulator/templates.json";

    private final List<Template> templates;

    public TemplateCatalog(TemplatesConfig config, JsonMapper json) {
        Map<String, Template> byKey = new LinkedHashMap<>();
        if (config.isBuiltin()) {
            try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
                }
                load(json, in.readAllBytes(), RESOURCE, byKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (config.getFile() != null && !config.getFile().isBlank()) {
            Path file = Path.of(config.getFile().trim());
            try {
                load(json, Files.readAllBytes(file), file.toString(), byKey);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read simulator.templates.file " + file + ": " + e, e);
            }
        }
        this.templates = List.copyOf(byKey.values());
    }

    /** Every template, in file order (built-in first). */
    public List<Template> all() {
        return templates;
    }

    /** The template of that name in that language (an exact code: {@code en} is not {@code en_US}). */
    public Optional<Template> find(String name, String language) {
        return templates.stream().filter(t -> t.name().equals(name) && t.language().equals(language)).findFirst();
    }

    /** The languages a template name exists in, for error details. */
    public List<String> languagesOf(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).map(Template::language).toList();
    }

    private static void load(JsonMapper json, byte[] bytes, String source, Map<String, Template> byKey) {
        try {
            JsonNode root = json.readValue(bytes, JsonNode.class);
            JsonNode list = root.isObject() ? root.get("data") : root;
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("expected {\"data\":[...]} or an array");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            Map<String, Object> parsed = json.readValue(root.isObject() ? text : "{\"data\":" + text + "}",
                    Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> raw = (List<Map<String, Object>>) parsed.get("data");
            for (int i = 0; i < list.size(); i++) {
                Template template = parse(list.get(i), raw.get(i));
                byKey.put(template.name() + '|' + template.language(), template);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("invalid template list " + source + ": " + e.getMessage(), e);
        }
    }

    private static Template parse(JsonNode node, Map<String, Object> raw) {
        JsonNode idNode = node.get("id");
        String name = String.valueOf(raw.get("name"));
        String language = String.valueOf(raw.get("language"));
        String id = idNode != null && idNode.isString() ? idNode.getStringValue() : stableId(name, language);
        // Meta's field order, then whatever else the file carries (sub_category, quality_score, ...).
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("name", name);
        listing.put("parameter_format", raw.getOrDefault("parameter_format", "POSITIONAL"));
        listing.put("components", raw.get("components"));
        listing.put("language", language);
        listing.put("status", raw.get("status"));
        listing.put("category", raw.get("category"));
        raw.forEach(listing::putIfAbsent);
        listing.put("id", id);
        return Template.of(node, id, listing);
    }

    private static String stableId(String name, String language) {
        long hash = (name + '|' + language).hashCode() & 0xFFFFFFFFL;
        return Long.toString(1_000_000_000_000_000L + hash * 97);
    }

    /** One page of the list; {@code before}/{@code after} are the cursors of its first and last template. */
    public record Page(List<Template> data, @Nullable String before, @Nullable String after,
                       boolean hasPrevious, boolean hasNext) {
    }

    /**
     * The page of at most {@code limit} templates matching {@code filter}, after the {@code after} cursor, or
     * before the {@code before} cursor. Cursors are opaque (base64 of a template id), as Meta's are.
     */
    public Page page(java.util.function.Predicate<Template> filter, int limit, @Nullable String after,
                     @Nullable String before) {
        List<Template> matching = new ArrayList<>(templates.stream().filter(filter).toList());
        int from = 0;
        int to = matching.size();
        if (after != null) {
            from = indexOf(matching, after) + 1;
            to = Math.min(matching.size(), from + limit);
        } else if (before != null) {
            to = indexOf(matching, before);
            from = Math.max(0, to - limit);
        } else {
            to = Math.min(matching.size(), limit);
        }
        List<Template> data = List.copyOf(matching.subList(from, to));
        return new Page(data, data.isEmpty() ? null : cursor(data.get(0)),
                data.isEmpty() ? null : cursor(data.get(data.size() - 1)), from > 0, to < matching.size());
    }

    private static int indexOf(List<Template> matching, String cursor) {
        String id;
        try {
            id = new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphError.invalidParameter("Invalid cursor: " + cursor).exception();
        }
        for (int i = 0; i < matching.size(); i++) {
            if (matching.get(i).id().equals(id)) {
                return i;
            }
        }
        throw GraphError.invalidParameter("Invalid cursor: " + cursor).exception();
    }

    static String cursor(Template template) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(template.id().getBytes(StandardCharsets.UTF_8));
    }
}
