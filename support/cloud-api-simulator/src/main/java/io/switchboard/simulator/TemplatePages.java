package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Pages of a template list as Meta pages them: at most {@code limit} templates matching a filter, after the
 * {@code after} cursor or before the {@code before} cursor. Cursors are opaque (base64 of a template id), as Meta's
 * are; one that names no template of the list is Meta's code 100.
 */
final class TemplatePages {

    private TemplatePages() {
    }

    /** One page; {@code before}/{@code after} are the cursors of its first and last template. */
    public record Page(List<Template> data, @Nullable String before, @Nullable String after,
                       boolean hasPrevious, boolean hasNext) {
    }

    static Page page(List<Template> templates, Predicate<Template> filter, int limit, @Nullable String after,
                     @Nullable String before) {
        List<Template> matching = new ArrayList<>(templates.stream().filter(filter).toList());
        int from = 0;
        int to;
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
            id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(template.id().getBytes(StandardCharsets.UTF_8));
    }
}
