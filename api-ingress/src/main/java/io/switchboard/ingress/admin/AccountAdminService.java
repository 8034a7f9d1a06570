package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.BootstrapRecords;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import io.switchboard.schemas.avro.Account;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages WhatsApp accounts, so keys can be created for them. {@code POST} creates an account (201) or replaces an
 * existing one of the same id (200, creation time kept); the record is acknowledged by Kafka and applied by this
 * instance's table before the answer. Tokens are never part of an account.
 */
@Singleton
public class AccountAdminService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAdminService.class);

    private final AccountStore accounts;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final Clock clock;

    public AccountAdminService(AccountStore accounts, ConfigRecordPublisher publisher, LocalTableWatcher watcher,
                               Clock clock) {
        this.accounts = accounts;
        this.publisher = publisher;
        this.watcher = watcher;
        this.clock = clock;
    }

    public CompletableFuture<AdminOutcome<AdminViews.AccountView>> put(@Nullable String contentType,
                                                                       @Nullable byte[] body) {
        if (!accounts.isReady()) {
            return AdminOutcome.loading();
        }
        NewAccountRequest request;
        try {
            request = NewAccountRequest.from(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        Account existing = accounts.byId(request.accountId());
        Account record = Account.newBuilder()
                .setAccountId(request.accountId())
                .setName(request.name())
                .setWabaId(request.wabaId())
                .setPhoneNumberId(request.phoneNumberId())
                .setDisplayPhoneNumber(request.displayPhoneNumber())
                .setMessagesPerSecond(request.messagesPerSecond())
                .setCreatedAt(existing != null ? existing.getCreatedAt() : clock.instant())
                .build();
        return publisher.account(record.getAccountId(), record)
                .thenCompose(ack -> watcher.until(() -> BootstrapRecords.sameAccount(
                        accounts.byId(record.getAccountId()), record)))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        LOG.warn("Account {} was not acknowledged by Kafka: {}", record.getAccountId(),
                                failure.toString());
                        return AdminOutcome.notStored("account");
                    }
                    LOG.info("{} account {} (phone number id {})", existing == null ? "Created" : "Replaced",
                            record.getAccountId(), record.getPhoneNumberId());
                    AdminViews.AccountView view = AdminViews.account(record);
                    return existing == null ? AdminOutcome.created(view) : AdminOutcome.ok(view);
                });
    }

    public AdminOutcome<List<AdminViews.AccountView>> list() {
        if (!accounts.isReady()) {
            return AdminOutcome.notLoaded();
        }
        return AdminOutcome.ok(accounts.all().stream()
                .sorted(Comparator.comparing(Account::getAccountId))
                .map(AdminViews::account)
                .toList());
    }

    public AdminOutcome<AdminViews.AccountView> get(String accountId) {
        if (!accounts.isReady()) {
            return AdminOutcome.notLoaded();
        }
        Account account = accounts.byId(accountId);
        if (account == null) {
            String shown = accountId.length() <= 64 ? accountId : accountId.substring(0, 64) + "...";
            return AdminOutcome.refused(ApiError.of(ErrorCode.ACCOUNT_NOT_FOUND, "No account '" + shown + "'"));
        }
        return AdminOutcome.ok(AdminViews.account(account));
    }
}
