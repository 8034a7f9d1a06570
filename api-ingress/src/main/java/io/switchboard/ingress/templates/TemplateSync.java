package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.Template;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * list no longer has. An account not read yet (created since, or given another WABA) is read within a second
 * ({@value #NEW_ACCOUNT_CHECK_MS} ms), and {@link #syncNow} reads one at once (the admin API). Every instance may
 * run it; the writes are idempotent. A failed read changes nothing and is retried at the next run. Each outcome is
 * kept in {@link TemplateSyncStatuses}. Deleted accounts are not read.
 */
@Singleton
public class TemplateSync implements AutoCloseable {

    static final long NEW_ACCOUNT_CHECK_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(TemplateSync.class);

    private final AccountStore accounts;
    private final TemplateStore store;
    private final CloudApiTemplateClient client;
    private final TemplateMappings mappings;
    private final TemplateConfiguration config;
    private final TemplateSyncStatuses statuses;
    private final Clock clock;
    private final Producer<String, Template> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "template-sync");
        thread.setDaemon(true);
        return thread;
    });

    public TemplateSync(AccountStore accounts, TemplateStore store, CloudApiTemplateClient client,
                        TemplateMappings mappings, TemplateConfiguration config, TemplateSyncStatuses statuses,
                        KafkaSettings kafka, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.client = client;
        this.mappings = mappings;
        this.config = config;
        this.statuses = statuses;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-ingress-templates");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, Topics.TEMPLATES.keySerde().serializer(),
                Topics.TEMPLATES.valueSerde(kafka.registryUrl()).serializer());
    }

    /** Starts the periodic sync (first run now) and the check for accounts not read yet, unless disabled. */
    public void start() {
        if (config.isSyncEnabled()) {
            scheduler.scheduleWithFixedDelay(this::runOnce, 0, config.getSyncInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(this::runForNewAccounts, NEW_ACCOUNT_CHECK_MS, NEW_ACCOUNT_CHECK_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Reads one account's templates now; completes with its status once the read and the writes are done. */
    public CompletableFuture<TemplateSyncStatus> syncNow(Account account) {
        return syncAccount(account).handle((written, failure) -> statuses.of(account.getAccountId()));
    }

    /** One pass over every account; waits for it (runs on the sync thread only). */
    void runOnce() {
        run(accounts.all());
    }

    private void runForNewAccounts() {
        run(accounts.all().stream().filter(a -> !statuses.tried(a)).toList());
    }

    private void run(List<Account> due) {
        for (Account account : due) {
            if (TemplateSyncStatuses.deleted(account)) {
                continue;
            }
            try {
                syncAccount(account).get(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Recorded and logged by syncAccount; a timeout of the wait itself is recorded here.
                if (e instanceof TimeoutException) {
                    statuses.failed(account, "no answer within 5 minutes", clock.instant());
                }
            }
        }
    }

    CompletableFuture<Integer> syncAccount(Account account) {
        return client.list(account.getWabaId()).thenApply(entries -> write(account, entries))
                .whenComplete((written, failure) -> {
                    if (failure != null) {
                        String reason = describe(failure);
                        statuses.failed(account, reason, clock.instant());
                        LOG.warn("Template sync of account {} (WABA {}) failed; keeping the current templates: {}",
                                account.getAccountId(), account.getWabaId(), reason);
                    }
                });
    }

    private int write(Account account, List<JsonNode> entries) {
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
        if (fresh.isEmpty()) {
            LOG.warn("Template sync of account {}: WABA {} lists no templates", account.getAccountId(),
                    account.getWabaId());
        }
        statuses.succeeded(account, fresh.size(), now);
        return written;
    }

    /** Why a read failed, in words an operator can act on (never the token). */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "the Cloud API did not answer in time (switchboard.ingress.cloud-api.timeout)";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to the Cloud API (switchboard.ingress.cloud-api.base-url)";
        }
        if (cause instanceof IllegalStateException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
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
