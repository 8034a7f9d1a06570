package io.switchboard.ingress.templates;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTable;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Template;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * The templates topic as an in-memory table on every instance (key accountId:name:language, tombstones remove),
 * followed like the api-keys table. Not ready until read to where it ended at start: before that a missing template
 * might merely be unread, so callers answer 503 TEMPLATES_UNAVAILABLE, not 404.
 */
@Singleton
public class TemplateStore extends CompactedTable<Template> {

    public TemplateStore(KafkaSettings kafka) {
        super(Topics.TEMPLATES, kafka);
    }

    @Nullable
    public Template find(String accountId, String name, String language) {
        return get(Topics.templateKey(accountId, name, language));
    }

    /** Every template of an account, sorted by name and language. */
    public List<Template> ofAccount(String accountId) {
        return all().stream()
                .filter(t -> t.getAccountId().equals(accountId))
                .sorted(Comparator.comparing(Template::getName).thenComparing(Template::getLanguage))
                .toList();
    }
}
