package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.NumberOwners;
import io.switchboard.ingress.auth.PhoneNumberStore;
import io.switchboard.ingress.inbox.InboxStore;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and releases business numbers, so that a number belongs to exactly one account on every instance.
 *
 * <p>A claim: the owner by the table ({@link NumberOwners}) must be nobody or the claimer (else it is taken); then
 * the Redis claim decides races between instances ({@link NumberClaims}: pending); then the {@code PhoneNumber} record
 * is written (acks=all) and the Redis claim confirmed; the answer waits until this instance's table shows it. A crash
 * between the Redis claim and the record leaves a pending claim that expires; a crash after the record leaves a
 * record that start-up writes back into Redis. A release: the Redis claim is removed first, then the tombstone, so a
 * crash in between leaves the record, which {@link PhoneNumberReconciler} releases when its account is deleted.
 */
@Singleton
public class NumberRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(NumberRegistry.class);

    private final PhoneNumberStore numbers;
    private final AccountStore accounts;
    private final NumberOwners owners;
    private final NumberClaims claims;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final InboxStore inboxes;
    private final PhoneNumberConfiguration config;
    private final Clock clock;

    public NumberRegistry(PhoneNumberStore numbers, AccountStore accounts, NumberOwners owners, NumberClaims claims,
                          ConfigRecordPublisher publisher, LocalTableWatcher watcher, InboxStore inboxes,
                          PhoneNumberConfiguration config, Clock clock) {
        this.numbers = numbers;
        this.accounts = accounts;
        this.owners = owners;
        this.claims = claims;
        this.publisher = publisher;
        this.watcher = watcher;
        this.inboxes = inboxes;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What a claim came to.
     *
     * @param record the number's record, now the account's; null when taken
     * @param takenBy the account that owns (or is claiming) the number; null when claimed
     */
    public record Claim(@Nullable PhoneNumber record, @Nullable String takenBy) {

        static Claim taken(String owner) {
            return new Claim(null, owner);
        }

        public boolean isTaken() {
            return takenBy != null;
        }
    }

    /** Claims the account's sending number for it. Fails when Redis or Kafka cannot answer (nothing is claimed). */
    public CompletableFuture<Claim> claim(Account account) {
        String number = account.getPhoneNumberId();
        String accountId = account.getAccountId();
        String owner = owners.ownerOf(number);
        if (owner != null && !owner.equals(accountId)) {
            return CompletableFuture.completedFuture(Claim.taken(owner));
        }
        PhoneNumber current = numbers.byNumber(number);
        if (current != null && current.getAccountId().equals(accountId)) {
            PhoneNumber wanted = record(account, current);
            return wanted.equals(current) ? CompletableFuture.completedFuture(new Claim(current, null))
                    : write(wanted);
        }
        // A record of a deleted account may still hold the number (its release did not finish): it may be replaced.
        String replaceable = current != null ? current.getAccountId() : null;
        return claims.claim(number, accountId, replaceable, config.getClaimTtl()).thenCompose(redisOwner -> {
            if (redisOwner.equals(accountId)) {
                return write(record(account, null));
            }
            Account holder = accounts.byId(redisOwner);
            if (holder != null && holder.getStatus() == AccountStatus.DELETED) {
                return claims.claim(number, accountId, redisOwner, config.getClaimTtl()).thenCompose(second ->
                        second.equals(accountId) ? write(record(account, null))
                                : CompletableFuture.completedFuture(Claim.taken(second)));
            }
            return CompletableFuture.completedFuture(Claim.taken(redisOwner));
        });
    }

    private CompletableFuture<Claim> write(PhoneNumber record) {
        String number = record.getPhoneNumberId();
        return publisher.phoneNumber(number, record)
                .thenCompose(ack -> claims.confirm(number, record.getAccountId()).exceptionally(failure -> {
                    // The record is on the topic; the reconciler writes it back into Redis.
                    LOG.warn("Claim of phone number id {} not confirmed in Redis: {}", number,
                            failure.toString());
                    return null;
                }))
                .thenCompose(confirmed -> watcher.until(() -> record.equals(numbers.byNumber(number))))
                .thenApply(visible -> {
                    LOG.info("Phone number id {} belongs to account {}", number, record.getAccountId());
                    return new Claim(record, null);
                });
    }

    /**
     * Releases the number when the table gives it to this account, and deletes its inbox: what customers sent to it
     * stays with the account that owned it. Completes when this instance's table shows the release.
     */
    public CompletableFuture<Void> release(String number, String accountId) {
        PhoneNumber current = numbers.byNumber(number);
        if (current == null || !current.getAccountId().equals(accountId)) {
            return CompletableFuture.completedFuture(null);
        }
        return claims.release(number, accountId)
                .thenCompose(released -> publisher.phoneNumber(number, null))
                .thenCompose(ack -> watcher.until(() -> numbers.byNumber(number) == null))
                .thenCompose(visible -> inboxes.purge(number).handle((purged, failure) -> {
                    if (failure != null) {
                        LOG.warn("Inbox of released phone number id {} not deleted: {}", number, failure.toString());
                    }
                    LOG.info("Released phone number id {} of account {}", number, accountId);
                    return null;
                }));
    }

    private PhoneNumber record(Account account, @Nullable PhoneNumber current) {
        return PhoneNumber.newBuilder()
                .setPhoneNumberId(account.getPhoneNumberId())
                .setAccountId(account.getAccountId())
                .setWabaId(account.getWabaId())
                .setDisplayPhoneNumber(account.getDisplayPhoneNumber())
                .setClaimedAt(current != null ? current.getClaimedAt() : clock.instant())
                .build();
    }
}
