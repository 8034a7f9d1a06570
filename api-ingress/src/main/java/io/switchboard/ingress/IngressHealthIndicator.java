package io.switchboard.ingress;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.switchboard.ingress.admin.PhoneNumberReconciler;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.ingress.window.InboundWindowConsumer;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * "ingress" in {@code /health}: UP once start-up finished (topics, schema, bootstrap) and the configuration tables
 * (api-keys, accounts, phone-numbers, templates) have been read to where they ended at start. Accounts whose sending
 * number another account owns are shown ({@code phoneNumberConflicts}) without making the service DOWN. Kafka and Redis have indicators of their own.
 */
@Singleton
public class IngressHealthIndicator implements HealthIndicator {

    private final IngressStartup startup;
    private final ApiKeyStore apiKeys;
    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final PhoneNumberReconciler reconciler;
    private final TemplateStore templates;
    private final InboundWindowConsumer windows;

    public IngressHealthIndicator(IngressStartup startup, ApiKeyStore apiKeys, AccountStore accounts,
                                  PhoneNumberStore numbers, PhoneNumberReconciler reconciler,
                                  TemplateStore templates, InboundWindowConsumer windows) {
        this.numbers = numbers;
        this.reconciler = reconciler;
        this.windows = windows;
        this.templates = templates;
        this.startup = startup;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("startup", startup.step());
        details.put("apiKeysLoaded", apiKeys.isReady());
        details.put("apiKeys", apiKeys.size());
        details.put("accountsLoaded", accounts.isReady());
        details.put("accounts", accounts.size());
        details.put("phoneNumbersLoaded", numbers.isReady());
        details.put("phoneNumbers", numbers.size());
        details.put("phoneNumberConflicts", reconciler.conflicts());
        details.put("templatesLoaded", templates.isReady());
        details.put("templates", templates.size());
        details.put("windowConsumerRunning", windows.isRunning());
        boolean up = startup.isReady() && apiKeys.isReady() && accounts.isReady() && numbers.isReady()
                && templates.isReady();
        return Mono.just(HealthResult.builder("ingress", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
