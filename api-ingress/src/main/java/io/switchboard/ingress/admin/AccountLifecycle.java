package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables, enables and deletes accounts. The status is written to the accounts topic first and applied by this
 * instance's table before the answer, so the account's keys stop here at once (403 ACCOUNT_DISABLED or
 * ACCOUNT_DELETED) and on every other instance within a poll; the dispatcher fails the account's queued messages and
 * stops its webhook endpoints from the same record. Disabling is reversible; deleting is not: the account stays as a
 * DELETED record (its id is never reused), its numbers are released (Redis claim, then tombstone) and their inboxes
 * deleted. Setting the state an account already has changes nothing; deleting twice answers the deleted account.
 */
@Singleton
public class AccountLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLifecycle.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final NumberRegistry registry;
    private final AccountAdminService views;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final Clock clock;

    public AccountLifecycle(AccountStore accounts, PhoneNumberStore numbers, NumberRegistry registry,
                            AccountAdminService views, ConfigRecordPublisher publisher,
                            LocalTableWatcher watcher, Clock clock) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.registry = registry;
        this.views = views;
        this.publisher = publisher;
        this.watcher = watcher;
        this.clock = clock;
    }

    /** Disables the account; the body is optional: {@code {"reason": "..."}} (at most 500 characters). */
    public CompletableFuture<AdminOutcome<AdminViews.AccountView>> disable(String accountId,
                                                                           @Nullable String contentType,
                                                                           @Nullable byte[] body) {
        String reason;
        try {
            reason = reason(contentType, body);
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        return change(accountId, AccountStatus.DISABLED, reason);
    }

    public CompletableFuture<AdminOutcome<AdminViews.AccountView>> enable(String accountId) {
        return change(accountId, AccountStatus.ACTIVE, null);
    }

    /** Deletes the account for good; the body is optional, as for {@link #disable}. */
    public CompletableFuture<AdminOutcome<AdminViews.AccountView>> delete(String accountId,
                                                                          @Nullable String contentType,
                                                                          @Nullable byte[] body) {
        String reason;
        try {
            reason = reason(contentType, body);
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        if (!accounts.isReady() || !numbers.isReady()) {
            return AdminOutcome.loading();
        }
        Account account = accounts.byId(accountId);
        if (account == null) {
            return AdminOutcome.now(AdminOutcome.refused(AccountAdminService.notFound(accountId)));
        }
        CompletableFuture<Account> deleted = account.getStatus() == AccountStatus.DELETED
                ? CompletableFuture.completedFuture(account) : write(account, AccountStatus.DELETED, reason);
        return deleted.thenCompose(record -> releaseNumbers(accountId).handle((released, failure) -> {
            if (failure != null) {
                LOG.warn("Account {} is deleted but its numbers are not all released yet: {}", accountId,
                        failure.toString());
                return AdminOutcome.<AdminViews.AccountView>refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                        "Account '" + accountId + "' is deleted and its keys no longer work, but its phone numbers "
                                + "could not all be released yet; retry the DELETE (they are also released by the "
                                + "service within a few minutes)."));
            }
            LOG.info("Deleted account {}; released {} phone number(s)", accountId, released.size());
            return AdminOutcome.ok(views.view(record));
        })).exceptionally(failure -> AccountAdminService.unavailable(failure, accountId));
    }

    private CompletableFuture<AdminOutcome<AdminViews.AccountView>> change(String accountId, AccountStatus status,
                                                                          @Nullable String reason) {
        if (!accounts.isReady()) {
            return AdminOutcome.loading();
        }
        Account account = accounts.byId(accountId);
        if (account == null) {
            return AdminOutcome.now(AdminOutcome.refused(AccountAdminService.notFound(accountId)));
        }
        if (account.getStatus() == AccountStatus.DELETED) {
            return AdminOutcome.now(AdminOutcome.refused(AccountAdminService.deleted(account)));
        }
        if (account.getStatus() == status) {
            return AdminOutcome.now(AdminOutcome.ok(views.view(account)));
        }
        return write(account, status, reason).thenApply(record -> {
            LOG.info("{} account {}", status == AccountStatus.ACTIVE ? "Enabled" : "Disabled", accountId);
            return AdminOutcome.ok(views.view(record));
        }).exceptionally(failure -> AccountAdminService.unavailable(failure, accountId));
    }

    private CompletableFuture<Account> write(Account account, AccountStatus status, @Nullable String reason) {
        Account record = Account.newBuilder(account).setStatus(status)
                .setStatusReason(status == AccountStatus.ACTIVE ? null : reason)
                .setStatusChangedAt(clock.instant()).build();
        return publisher.account(record.getAccountId(), record)
                .thenCompose(ack -> watcher.until(() -> {
                    Account seen = accounts.byId(record.getAccountId());
                    return seen != null && seen.getStatus() == status;
                }))
                .thenApply(visible -> record);
    }

    /** Releases every number the table gives the account (their inboxes with them), one after the other. */
    private CompletableFuture<List<String>> releaseNumbers(String accountId) {
        List<String> owned = numbers.ofAccount(accountId).stream().map(PhoneNumber::getPhoneNumberId).toList();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String number : owned) {
            chain = chain.thenCompose(done -> registry.release(number, accountId));
        }
        return chain.thenApply(done -> owned);
    }

    @Nullable
    private static String reason(@Nullable String contentType, @Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        return new AdminFields(JsonBodies.readObject(contentType, body)).optionalText("reason", MAX_REASON_LENGTH);
    }
}
