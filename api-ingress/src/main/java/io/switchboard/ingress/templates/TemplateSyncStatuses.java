package io.switchboard.ingress.templates;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.Template;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of every account's last template read on this instance, kept by {@link TemplateSync} and shown as
 * {@link TemplateSyncStatus} (admin API, {@code /health}). Metrics: {@code switchboard.ingress.template.syncs}
 * (counter, {@code outcome} ok, empty or failed: how often do reads fail?) and
 * {@code switchboard.ingress.template.sync.degraded.accounts} (gauge: how many accounts have no usable templates
 * right now?). Deleted accounts are left out.
 */
@Singleton
public class TemplateSyncStatuses {

    private final AccountStore accounts;
    private final TemplateStore store;
    private final boolean enabled;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    /** The reads of one account so far. */
    private record Attempts(String wabaId, Instant lastAttemptAt, @Nullable Instant lastSuccessAt,
                            @Nullable Integer listed, int consecutiveFailures, @Nullable String lastError) {
    }

    public TemplateSyncStatuses(AccountStore accounts, TemplateStore store, TemplateConfiguration config,
                                MeterRegistry registry) {
        this.accounts = accounts;
        this.store = store;
        this.enabled = config.isSyncEnabled();
        this.registry = registry;
        Gauge.builder("switchboard.ingress.template.sync.degraded.accounts", this,
                        statuses -> statuses.all().stream().filter(TemplateSyncStatus::degraded).count())
                .description("Accounts whose last template read failed or listed no templates").register(registry);
    }

    void succeeded(Account account, int listed, Instant at) {
        attempts.put(account.getAccountId(), new Attempts(account.getWabaId(), at, at, listed, 0, null));
        count(listed == 0 ? "empty" : "ok");
    }

    void failed(Account account, String error, Instant at) {
        attempts.compute(account.getAccountId(), (id, previous) -> previous == null
                ? new Attempts(account.getWabaId(), at, null, null, 1, error)
                : new Attempts(account.getWabaId(), at, previous.lastSuccessAt(), previous.listed(),
                previous.consecutiveFailures() + 1, error));
        count("failed");
    }

    /** The status of one account; null when there is no such account. */
    @Nullable
    public TemplateSyncStatus of(String accountId) {
        Account account = accounts.byId(accountId);
        return account == null || deleted(account) ? null : view(account);
    }

    /** Every account's status, by account id. */
    public List<TemplateSyncStatus> all() {
        return accounts.all().stream().filter(a -> !deleted(a)).sorted(Comparator.comparing(Account::getAccountId))
                .map(this::view).toList();
    }

    private TemplateSyncStatus view(Account account) {
        List<Template> held = store.ofAccount(account.getAccountId());
        int approved = (int) held.stream().filter(t -> "APPROVED".equalsIgnoreCase(t.getStatus())).count();
        Attempts tried = attempts.get(account.getAccountId());
        String waba = account.getWabaId();
        if (tried == null || !tried.wabaId().equals(waba)) {
            TemplateSyncStatus.State state = enabled ? TemplateSyncStatus.State.PENDING
                    : TemplateSyncStatus.State.DISABLED;
            return new TemplateSyncStatus(account.getAccountId(), waba, state.shown(),
                    TemplateSyncStatus.message(state, waba, 0), null, null, null, held.size(), approved, 0, null);
        }
        TemplateSyncStatus.State state = tried.lastError() != null ? TemplateSyncStatus.State.FAILED
                : tried.listed() == 0 ? TemplateSyncStatus.State.EMPTY : TemplateSyncStatus.State.OK;
        return new TemplateSyncStatus(account.getAccountId(), waba, state.shown(),
                TemplateSyncStatus.message(state, waba, tried.consecutiveFailures()), tried.lastAttemptAt(),
                tried.lastSuccessAt(), tried.listed(), held.size(), approved, tried.consecutiveFailures(),
                tried.lastError());
    }

    /** Whether the account was ever read (by its current WABA). */
    boolean tried(Account account) {
        Attempts tried = attempts.get(account.getAccountId());
        return tried != null && tried.wabaId().equals(account.getWabaId());
    }

    static boolean deleted(Account account) {
        return account.getStatus() == AccountStatus.DELETED;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("switchboard.ingress.template.syncs")
                .description("Template reads of one account from the Cloud API, by outcome").tag("outcome", o)
                .register(registry)).increment();
    }
}
