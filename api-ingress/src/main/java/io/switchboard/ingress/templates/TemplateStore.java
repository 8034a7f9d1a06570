package io.switchboard.ingress.templates;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTopicReader;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Template;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates topic as an in-memory table on every instance (key accountId:name:language, tombstones remove),
 * followed like the api-keys table. Not ready until read to where it ended at start: before that a missing template
 * might merely be unread, so callers answer 503 TEMPLATES_UNAVAILABLE, not 404.
 */
@Singleton
public class TemplateStore implements AutoCloseable {

    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final CompactedTopicReader<Template> reader;

    public TemplateStore(KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(Topics.TEMPLATES, kafka.clientConfig(),
                Topics.TEMPLATES.valueSerde(kafka.registryUrl()).deserializer(), this::apply);
    }

    private void apply(String key, @Nullable Template template) {
        if (template == null) {
            templates.remove(key);
        } else {
            templates.put(key, template);
        }
    }

    public void start() {
        reader.start();
    }

    public boolean isReady() {
        return reader.isCaughtUp();
    }

    public CompletableFuture<Void> ready() {
        return reader.caughtUp();
    }

    @Nullable
    public Template find(String accountId, String name, String language) {
        return templates.get(Topics.templateKey(accountId, name, language));
    }

    /** Every template of an account, sorted by name and language. */
    public List<Template> ofAccount(String accountId) {
        return templates.values().stream()
                .filter(t -> t.getAccountId().equals(accountId))
                .sorted(Comparator.comparing(Template::getName).thenComparing(Template::getLanguage))
                .toList();
    }

    public int size() {
        return templates.size();
    }

    /** Every template of every account. */
    public List<Template> all() {
        return List.copyOf(templates.values());
    }

    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}
