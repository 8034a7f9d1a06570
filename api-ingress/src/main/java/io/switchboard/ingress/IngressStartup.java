package io.switchboard.ingress;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.switchboard.ingress.admin.PhoneNumberReconciler;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.ingress.auth.BootstrapPublisher;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.ingress.kafka.SendCommandPublisher;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.ingress.templates.TemplateSync;
import io.switchboard.ingress.window.InboundWindowConsumer;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the service after the context started, on its own thread so neither start-up nor an event loop waits on
 * Kafka: create missing topics, register the send-commands schema (the first send must not wait on the registry),
 * start reading api-keys, accounts, phone-numbers and templates, fetch producer metadata, and once the tables are
 * loaded publish the bootstrap records, start the phone-number reconciler (which also claims the bootstrap account's
 * number), the template sync and the inbound-messages reader that opens customer windows. Each step is retried until it succeeds; until everything is done {@code /health} reports DOWN and sends
 * are answered 503, never 401 for a key that simply was not read yet.
 */
@Singleton
public class IngressStartup {

    private static final Logger LOG = LoggerFactory.getLogger(IngressStartup.class);
    private static final List<Topic<?>> TOPICS = List.of(Topics.SEND_COMMANDS, Topics.API_KEYS, Topics.ACCOUNTS,
            Topics.PHONE_NUMBERS, Topics.TEMPLATES, Topics.INBOUND_MESSAGES);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final AdminClient admin;
    private final KafkaSettings kafka;
    private final ApiKeyStore apiKeys;
    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final PhoneNumberReconciler reconciler;
    private final SendCommandPublisher publisher;
    private final BootstrapPublisher bootstrap;
    private final BootstrapConfiguration bootstrapConfig;
    private final TemplateStore templates;
    private final TemplateSync templateSync;
    private final InboundWindowConsumer windows;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Thread thread;
    private volatile String step = "not started";

    public IngressStartup(AdminClient admin, KafkaSettings kafka, ApiKeyStore apiKeys, AccountStore accounts,
                          PhoneNumberStore numbers, PhoneNumberReconciler reconciler, SendCommandPublisher publisher, BootstrapPublisher bootstrap,
                          BootstrapConfiguration bootstrapConfig, TemplateStore templates,
                          TemplateSync templateSync, InboundWindowConsumer windows) {
        this.windows = windows;
        this.templates = templates;
        this.templateSync = templateSync;
        this.admin = admin;
        this.kafka = kafka;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.numbers = numbers;
        this.reconciler = reconciler;
        this.publisher = publisher;
        this.bootstrap = bootstrap;
        this.bootstrapConfig = bootstrapConfig;
    }

    @EventListener
    public synchronized void onStartup(StartupEvent event) {
        if (thread == null) {
            thread = new Thread(this::prepare, "ingress-startup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public boolean isReady() {
        return ready.isDone();
    }

    /** The step start-up is in, for /health. */
    public String step() {
        return step;
    }

    private void prepare() {
        try {
            attempt("create topics", () -> TopicProvisioner.ensureTopics(admin, TOPICS, kafka.replicationFactor()));
            attempt("register the send-commands and templates schemas", () -> {
                Topics.SEND_COMMANDS.registerValueSchema(kafka.registryUrl());
                Topics.TEMPLATES.registerValueSchema(kafka.registryUrl());
            });
            step = "load api-keys, accounts, phone-numbers and templates";
            apiKeys.start();
            accounts.start();
            numbers.start();
            templates.start();
            attempt("fetch send-commands metadata", publisher::warmUp);
            CompletableFuture.allOf(apiKeys.ready(), accounts.ready(), numbers.ready(), templates.ready()).get();
            if (bootstrapConfig.isEnabled()) {
                attempt("publish bootstrap records", this::publishBootstrap);
            }
            reconciler.start();
            templateSync.start();
            windows.start();
            step = "ready";
            ready.complete(null);
            LOG.info("api-ingress ready: {} API key(s), {} account(s)", apiKeys.size(), accounts.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            step = "failed: " + e;
            LOG.error("api-ingress start-up failed", e);
        }
    }

    private void publishBootstrap() throws InterruptedException {
        String keyId = bootstrap.publishIfNeeded();
        // Ready means the bootstrap key works: wait until our own reader has applied it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (apiKeys.byId(keyId) == null
                || !apiKeys.byId(keyId).getKeyHash().equals(ApiKeyHashes.sha256Hex(bootstrapConfig.getApiKey()))
                || accounts.byId(bootstrapConfig.getAccountId()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bootstrap records were published but not read back");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void attempt(String what, Step action) throws InterruptedException {
        step = what;
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                action.run();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("Start-up step '{}' failed, retrying in {} ms: {}", what, wait.toMillis(), e.toString());
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    @PreDestroy
    public void stop() {
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
