package io.switchboard.ingress.templates;

import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.Template;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the templates topic in step with the Cloud API: at start and every {@code sync-interval}, for every account
 * in the accounts table, reads the account's template list (by its WABA id) and writes the records that are new or
 * changed (content or variable mapping; the sync time alone is not a change) and a tombstone for each template the
 * list no longer has. Every instance may run it; the writes are idempotent. A failed read changes nothing and is
 * retried at the next run.
 */
@Singleton
public class TemplateSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateSync.class);

    private final AccountStore accounts;
    private final TemplateStore store;
    private final CloudApiTemplateClient client;
    private final TemplateMappings mappings;
    private final TemplateConfiguration config;
    private final Clock clock;
    private final Producer<String, Template> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "template-sync");
        thread.setDaemon(true);
        return thread;
    });

    public TemplateSync(AccountStore accounts, TemplateStore store, CloudApiTemplateClient client,
                        TemplateMappings mappings, TemplateConfiguration config, KafkaSettings kafka, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.client = client;
        this.mappings = mappings;
        this.config = config;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-ingress-templates");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, Topics.TEMPLATES.keySerde().serializer(),
                Topics.TEMPLATES.valueSerde(kafka.registryUrl()).serializer());
    }

    /** Starts the periodic sync (first run now), unless disabled. */
    public void start() {
        if (config.isSyncEnabled()) {
            scheduler.scheduleWithFixedDelay(this::runOnce, 0, config.getSyncInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One pass over every account; waits for it (runs on the sync thread only). */
    void runOnce() {
        for (Account account : accounts.all()) {
            try {
                syncAccount(account).get(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Template sync of account {} failed; keeping the current templates: {}",
                        account.getAccountId(), e.toString());
            }
        }
    }

    CompletableFuture<Integer> syncAccount(Account account) {
        return client.list(account.getWabaId()).thenApply(entries -> {
            Instant now = clock.instant();
            List<Template> fresh = entries.stream()
                    .map(entry -> TemplateRecords.from(account.getAccountId(), entry, mappings, now))
                    .filter(t -> t != null).toList();
            Set<String> freshKeys = fresh.stream().map(TemplateSync::key).collect(Collectors.toSet());
            int written = 0;
            for (Template template : fresh) {
                if (!TemplateRecords.sameContent(template,
                        store.find(account.getAccountId(), template.getName(), template.getLanguage()))) {
                    producer.send(new ProducerRecord<>(Topics.TEMPLATES.name(), key(template), template));
                    written++;
                }
            }
            for (Template gone : store.ofAccount(account.getAccountId())) {
                if (!freshKeys.contains(key(gone))) {
                    producer.send(new ProducerRecord<>(Topics.TEMPLATES.name(), key(gone), null));
                    written++;
                }
            }
            producer.flush();
            if (written > 0) {
                LOG.info("Template sync of account {}: {} template(s), {} change(s) written",
                        account.getAccountId(), fresh.size(), written);
            }
            return written;
        });
    }

    private static String key(Template template) {
        return Topics.templateKey(template.getAccountId(), template.getName(), template.getLanguage());
    }

    @PreDestroy
    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
