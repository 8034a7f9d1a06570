package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.BootstrapRecords;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import io.switchboard.ingress.support.Timestamps;
import io.switchboard.ingress.templates.TemplateSyncStatuses;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages WhatsApp accounts, so keys can be created for them. {@code POST} creates an account (201) or replaces an
 * existing one of the same id (200; creation time and status kept). Its sending number must be free or already its
 * own: the number is claimed first ({@link NumberRegistry}; 409 PHONE_NUMBER_TAKEN naming the owner), then the
 * account is written; a replaced account's former number is released. A deleted account's id is not reused (409
 * ACCOUNT_IS_DELETED). Every change is acknowledged by Kafka and applied by this instance's tables before the
 * answer. Tokens are never part of an account. Disabling, enabling and deleting: {@link AccountLifecycle}.
 */
@Singleton
public class AccountAdminService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAdminService.class);

    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final NumberRegistry registry;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final Clock clock;
    private final TemplateSyncStatuses templateSyncs;

    public AccountAdminService(AccountStore accounts, PhoneNumberStore numbers, NumberRegistry registry,
                               ConfigRecordPublisher publisher, LocalTableWatcher watcher, Clock clock,
                               TemplateSyncStatuses templateSyncs) {
        this.templateSyncs = templateSyncs;
        this.accounts = accounts;
        this.numbers = numbers;
        this.registry = registry;
        this.publisher = publisher;
        this.watcher = watcher;
        this.clock = clock;
    }

    public CompletableFuture<AdminOutcome<AdminViews.AccountView>> put(@Nullable String contentType,
                                                                       @Nullable byte[] body) {
        if (!accounts.isReady() || !numbers.isReady()) {
            return AdminOutcome.loading();
        }
        NewAccountRequest request;
        try {
            request = NewAccountRequest.from(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        Account existing = accounts.byId(request.accountId());
        if (existing != null && existing.getStatus() == AccountStatus.DELETED) {
            return AdminOutcome.now(AdminOutcome.refused(deleted(existing)));
        }
        Account record = Account.newBuilder()
                .setAccountId(request.accountId())
                .setName(request.name())
                .setWabaId(request.wabaId())
                .setPhoneNumberId(request.phoneNumberId())
                .setDisplayPhoneNumber(request.displayPhoneNumber())
                .setMessagesPerSecond(request.messagesPerSecond())
                .setCreatedAt(existing != null ? existing.getCreatedAt() : clock.instant())
                .setStatus(existing != null ? existing.getStatus() : AccountStatus.ACTIVE)
                .setStatusReason(existing != null ? existing.getStatusReason() : null)
                .setStatusChangedAt(existing != null ? existing.getStatusChangedAt() : null)
                .build();
        return registry.claim(record).thenCompose(claim -> {
            if (claim.isTaken()) {
                return AdminOutcome.<AdminViews.AccountView>now(AdminOutcome.refused(taken(record, claim.takenBy())));
            }
            return publisher.account(record.getAccountId(), record)
                    .thenCompose(ack -> watcher.until(() -> BootstrapRecords.sameAccount(
                            accounts.byId(record.getAccountId()), record)))
                    .thenCompose(visible -> releaseFormerNumber(existing, record))
                    .thenApply(released -> {
                        LOG.info("{} account {} (phone number id {})", existing == null ? "Created" : "Replaced",
                                record.getAccountId(), record.getPhoneNumberId());
                        AdminViews.AccountView view = view(record);
                        return existing == null ? AdminOutcome.created(view) : AdminOutcome.ok(view);
                    });
        }).exceptionally(failure -> unavailable(failure, record.getAccountId()));
    }

    private CompletableFuture<Void> releaseFormerNumber(@Nullable Account existing, Account record) {
        if (existing == null || existing.getPhoneNumberId().equals(record.getPhoneNumberId())) {
            return CompletableFuture.completedFuture(null);
        }
        return registry.release(existing.getPhoneNumberId(), record.getAccountId()).exceptionally(failure -> {
            // The account is stored; the reconciler releases the former number later.
            LOG.warn("Former phone number id {} of account {} not released yet: {}", existing.getPhoneNumberId(),
                    record.getAccountId(), failure.toString());
            return null;
        });
    }

    /** Every account, or those with one status ({@code active}, {@code disabled}, {@code deleted}), by id. */
    public AdminOutcome<List<AdminViews.AccountView>> list(@Nullable String status) {
        if (!accounts.isReady()) {
            return AdminOutcome.notLoaded();
        }
        AccountStatus wanted = null;
        if (status != null) {
            try {
                wanted = AccountStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return AdminOutcome.refused(ApiError.validation("status must be one of active, disabled, deleted"));
            }
        }
        AccountStatus filter = wanted;
        return AdminOutcome.ok(accounts.all().stream()
                .filter(account -> filter == null || account.getStatus() == filter)
                .sorted(Comparator.comparing(Account::getAccountId))
                .map(this::view)
                .toList());
    }

    public AdminOutcome<AdminViews.AccountView> get(String accountId) {
        if (!accounts.isReady()) {
            return AdminOutcome.notLoaded();
        }
        Account account = accounts.byId(accountId);
        return account == null ? AdminOutcome.refused(notFound(accountId)) : AdminOutcome.ok(view(account));
    }

    AdminViews.AccountView view(Account account) {
        return AdminViews.account(account, numbers.ofAccount(account.getAccountId()),
                templateSyncs.of(account.getAccountId()));
    }

    static ApiError notFound(String accountId) {
        String shown = accountId.length() <= 64 ? accountId : accountId.substring(0, 64) + "...";
        return ApiError.of(ErrorCode.ACCOUNT_NOT_FOUND, "No account '" + shown + "'");
    }

    static ApiError deleted(Account account) {
        return ApiError.of(ErrorCode.ACCOUNT_IS_DELETED, "Account '" + account.getAccountId() + "' was deleted"
                + (account.getStatusChangedAt() != null ? " at " + Timestamps.iso(account.getStatusChangedAt()) : "")
                + "; a deleted account cannot be changed and its id is not reused. Create an account with another "
                + "account_id.");
    }

    private static ApiError taken(Account record, String owner) {
        return ApiError.of(ErrorCode.PHONE_NUMBER_TAKEN, "phone_number_id " + record.getPhoneNumberId()
                + " already belongs to account '" + owner + "': a business number belongs to exactly one account. "
                + "Use another number, or delete account '" + owner + "' (DELETE /api/v1/admin/accounts/" + owner
                + ") to release it.");
    }

    /** 503 for a change that Redis (the number claim) or Kafka (the records) could not take. */
    static <T> AdminOutcome<T> unavailable(Throwable failure, String accountId) {
        if (NumberClaims.Unavailable.causes(failure)) {
            LOG.warn("Number claim for account {} impossible: {}", accountId, failure.toString());
            return AdminOutcome.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE, "The ownership of the business "
                    + "number cannot be checked right now (Redis is unavailable); nothing was changed. Retry shortly."));
        }
        LOG.warn("Change of account {} was not acknowledged by Kafka: {}", accountId, failure.toString());
        return AdminOutcome.notStored("account");
    }
}
