package io.switchboard.ingress.admin;

import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.NumberOwners;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the phone-numbers table, the Redis claims and the accounts in agreement, on every instance, at start and then
 * every {@code phone-numbers.reconcile-interval}, on its own thread:
 * <ol>
 *   <li>each record's owner is written back into Redis (Redis may have lost it; the topic is the truth);</li>
 *   <li>a record whose account was deleted is released (a deletion that stopped half-way), and so is one older than
 *       {@code abandoned-after} whose account does not exist or names another number (a creation or number change
 *       that stopped half-way);</li>
 *   <li>an account whose sending number has no record at all (created before the table existed, or the bootstrap
 *       account) claims it, oldest account first, so the table becomes complete;</li>
 *   <li>an account that names a number another account owns is counted and logged once: its sends, inbound listing
 *       and media downloads are refused (403 PHONE_NUMBER_NOT_OWNED) until it is given another number.</li>
 * </ol>
 */
@Singleton
public class PhoneNumberReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneNumberReconciler.class);
    private static final long STEP_TIMEOUT_SECONDS = 30;

    private final PhoneNumberStore numbers;
    private final AccountStore accounts;
    private final NumberOwners owners;
    private final NumberRegistry registry;
    private final NumberClaims claims;
    private final PhoneNumberConfiguration config;
    private final Clock clock;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "phone-number-reconciler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int conflicts;
    private volatile boolean started;

    public PhoneNumberReconciler(PhoneNumberStore numbers, AccountStore accounts, NumberOwners owners,
                                 NumberRegistry registry, NumberClaims claims, PhoneNumberConfiguration config,
                                 Clock clock) {
        this.numbers = numbers;
        this.accounts = accounts;
        this.owners = owners;
        this.registry = registry;
        this.claims = claims;
        this.config = config;
        this.clock = clock;
    }

    /** Starts the passes: the first at once, then every interval (called once the tables are loaded). */
    public synchronized void start() {
        if (!started) {
            started = true;
            timer.scheduleWithFixedDelay(this::pass, 0, config.getReconcileInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Accounts whose sending number another account owns, as of the last pass. */
    public int conflicts() {
        return conflicts;
    }

    private void pass() {
        try {
            reconcile();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Reconciling phone numbers failed, next pass in {}: {}", config.getReconcileInterval(),
                    e.toString());
        }
    }

    /** One pass (blocking, on the reconciler's thread). */
    void reconcile() throws Exception {
        if (!numbers.isReady() || !accounts.isReady()) {
            return;
        }
        Instant abandonedBefore = clock.instant().minus(config.getAbandonedAfter());
        for (PhoneNumber record : numbers.all()) {
            String number = record.getPhoneNumberId();
            Account owner = accounts.byId(record.getAccountId());
            boolean stale = owner == null || !number.equals(owner.getPhoneNumberId());
            if (owner != null && owner.getStatus() == AccountStatus.DELETED
                    || stale && record.getClaimedAt().isBefore(abandonedBefore)) {
                await(registry.release(number, record.getAccountId()));
            } else {
                await(claims.restore(number, record.getAccountId()));
            }
        }
        List<Account> named = accounts.all().stream().filter(a -> a.getStatus() != AccountStatus.DELETED)
                .sorted(Comparator.comparing(Account::getCreatedAt).thenComparing(Account::getAccountId)).toList();
        int found = 0;
        for (Account account : named) {
            String number = account.getPhoneNumberId();
            String owner = owners.ownerOf(number);
            if (owner != null && !owner.equals(account.getAccountId())) {
                found++;
                report(account, owner);
            } else if (numbers.byNumber(number) == null) {
                NumberRegistry.Claim claim = await(registry.claim(account));
                if (claim.isTaken()) {
                    found++;
                    report(account, claim.takenBy());
                }
            }
        }
        conflicts = found;
    }

    private void report(Account account, String owner) {
        if (reported.add(account.getAccountId() + "\n" + account.getPhoneNumberId() + "\n" + owner)) {
            LOG.warn("Account {} names phone number id {} as its sending number, but account {} owns it: its "
                    + "sends, inbound listing and media downloads are refused (403 PHONE_NUMBER_NOT_OWNED) until it "
                    + "is given another number", account.getAccountId(), account.getPhoneNumberId(), owner);
        }
    }

    private static <T> T await(CompletableFuture<T> step) throws Exception {
        return step.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
