package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.ingress.auth.ApiKeyStore;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import io.switchboard.ingress.signing.SecretVault;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ApiKey;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages API keys (the admin API's key management). A new key and secret are generated here and shown once: the topic holds only the key's
 * SHA-256 and the secret encrypted under the master key, so neither can be read back. Every change is acknowledged
 * by Kafka (acks=all) and applied by this instance's own table before it is answered; other instances follow within
 * a poll. Changes replace the whole record (last writer wins); a deletion leaves an inactive marker without the secret.
 */
@Singleton
public class ApiKeyAdminService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAdminService.class);

    private final ApiKeyStore keys;
    private final AccountStore accounts;
    private final SecretVault vault;
    private final ConfigRecordPublisher publisher;
    private final LocalTableWatcher watcher;
    private final Clock clock;

    public ApiKeyAdminService(ApiKeyStore keys, AccountStore accounts, SecretVault vault,
                              ConfigRecordPublisher publisher, LocalTableWatcher watcher, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.vault = vault;
        this.publisher = publisher;
        this.watcher = watcher;
        this.clock = clock;
    }

    public CompletableFuture<AdminOutcome<AdminViews.CreatedKey>> create(@Nullable String contentType,
                                                                         @Nullable byte[] body) {
        if (!keys.isReady() || !accounts.isReady()) {
            return AdminOutcome.loading();
        }
        if (!vault.isConfigured()) {
            return AdminOutcome.refusedNow(ErrorCode.MASTER_KEY_NOT_CONFIGURED, "API keys cannot be created: "
                    + "set switchboard.ingress.master-key (openssl rand -base64 32) to encrypt their secrets");
        }
        Instant now = clock.instant();
        NewKeyRequest request;
        try {
            request = NewKeyRequest.from(JsonBodies.readObject(contentType, body), now);
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        Account account = accounts.byId(request.accountId());
        if (account == null) {
            return AdminOutcome.refusedNow(ErrorCode.ACCOUNT_NOT_FOUND, "account_id: no account '"
                    + request.accountId() + "' exists; create it first with POST /api/v1/admin/accounts");
        }
        if (account.getStatus() == AccountStatus.DELETED) {
            return AdminOutcome.now(AdminOutcome.refused(AccountAdminService.deleted(account)));
        }
        KeyCredentials credentials = KeyCredentials.generate();
        ApiKey record = record(request, credentials, now);
        String keyId = record.getKeyId();
        return publisher.apiKey(keyId, record)
                .thenCompose(ack -> watcher.until(() -> {
                    ApiKey seen = keys.byId(keyId);
                    return seen != null && seen.getKeyHash().equals(record.getKeyHash());
                }))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        LOG.warn("API key {} was not acknowledged by Kafka: {}", keyId, failure.toString());
                        return AdminOutcome.notStored("API key");
                    }
                    LOG.info("Created API key {} ({}...) for account {}", keyId, record.getKeyPrefix(),
                            record.getAccountId());
                    return AdminOutcome.created(new AdminViews.CreatedKey(AdminViews.key(record, now),
                            credentials.apiKey(), credentials.apiSecret()));
                });
    }

    private ApiKey record(NewKeyRequest request, KeyCredentials credentials, Instant now) {
        String hash = ApiKeyHashes.sha256Hex(credentials.apiKey());
        return ApiKey.newBuilder()
                .setKeyId(ApiKeyHashes.keyId(credentials.apiKey()))
                .setKeyHash(hash)
                .setKeyPrefix(ApiKeyHashes.displayPrefix(credentials.apiKey()))
                .setName(request.name())
                .setDescription(request.description())
                .setAccountId(request.accountId())
                .setPermissions(request.permissions())
                .setRateLimitPerMinute(request.rateLimit())
                .setDailyLimit(request.dailyLimit())
                .setActive(true)
                .setExpiresAt(request.expiresAt())
                .setCreatedAt(now)
                .setEncryptedSecret(vault.encrypt(credentials.apiSecret()))
                .setRequireSignature(request.requireSignature())
                .build();
    }

    /** Every key, or those of one account, newest first. */
    public AdminOutcome<List<AdminViews.KeyView>> list(@Nullable String accountId) {
        if (!keys.isReady()) {
            return AdminOutcome.notLoaded();
        }
        Instant now = clock.instant();
        return AdminOutcome.ok(keys.all().stream()
                .filter(key -> accountId == null || accountId.equals(key.getAccountId()))
                .sorted(Comparator.comparing(ApiKey::getCreatedAt).reversed().thenComparing(ApiKey::getKeyId))
                .map(key -> AdminViews.key(key, now))
                .toList());
    }

    public AdminOutcome<AdminViews.KeyView> get(String keyId) {
        if (!keys.isReady()) {
            return AdminOutcome.notLoaded();
        }
        ApiKey key = keys.byId(keyId);
        return key == null ? notFound(keyId) : AdminOutcome.ok(AdminViews.key(key, clock.instant()));
    }

    /** Activates or deactivates a key; setting the state it already has changes nothing. */
    public CompletableFuture<AdminOutcome<AdminViews.KeyView>> setActive(String keyId, boolean active) {
        if (!keys.isReady()) {
            return AdminOutcome.loading();
        }
        ApiKey current = keys.byId(keyId);
        if (current == null) {
            return AdminOutcome.now(notFound(keyId));
        }
        if (current.getActive() == active) {
            return AdminOutcome.now(AdminOutcome.ok(AdminViews.key(current, clock.instant())));
        }
        ApiKey updated = ApiKey.newBuilder(current).setActive(active).build();
        return publisher.apiKey(keyId, updated)
                .thenCompose(ack -> watcher.until(() -> {
                    ApiKey seen = keys.byId(keyId);
                    return seen == null || seen.getActive() == active;
                }))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        LOG.warn("Change of API key {} was not acknowledged by Kafka: {}", keyId, failure.toString());
                        return AdminOutcome.notStored("change");
                    }
                    LOG.info("{} API key {}", active ? "Activated" : "Deactivated", keyId);
                    return AdminOutcome.ok(AdminViews.key(updated, clock.instant()));
                });
    }

    /** PATCH with {@code {"active": true|false}}. */
    public CompletableFuture<AdminOutcome<AdminViews.KeyView>> patch(String keyId, @Nullable String contentType,
                                                                     @Nullable byte[] body) {
        boolean active;
        try {
            active = new AdminFields(JsonBodies.readObject(contentType, body)).requiredBool("active");
        } catch (InvalidRequestException e) {
            return AdminOutcome.now(AdminOutcome.refused(e.error()));
        }
        return setActive(keyId, active);
    }

    /**
     * Deletes a key for good: it is gone from every listing and lookup by id and never works again; the topic keeps
     * an inactive marker without the secret, so the key's holder is told 401 API_KEY_DELETED.
     */
    public CompletableFuture<AdminOutcome<AdminViews.DeletedKey>> delete(String keyId) {
        if (!keys.isReady()) {
            return AdminOutcome.loading();
        }
        ApiKey current = keys.byId(keyId);
        if (current == null) {
            return AdminOutcome.now(notFound(keyId));
        }
        // A marker, not a tombstone: its holder is told the key was deleted; the secret goes with the key.
        ApiKey marker = ApiKey.newBuilder(current).setActive(false).setEncryptedSecret(null)
                .setDeletedAt(clock.instant()).build();
        return publisher.apiKey(keyId, marker)
                .thenCompose(ack -> watcher.until(() -> keys.byId(keyId) == null))
                .handle((visible, failure) -> {
                    if (failure != null) {
                        LOG.warn("Deletion of API key {} was not acknowledged by Kafka: {}", keyId,
                                failure.toString());
                        return AdminOutcome.notStored("deletion");
                    }
                    vault.forget(keyId);
                    LOG.info("Deleted API key {}", keyId);
                    return AdminOutcome.ok(new AdminViews.DeletedKey(keyId, true));
                });
    }

    private static <T> AdminOutcome<T> notFound(String keyId) {
        String shown = keyId.length() <= 64 ? keyId : keyId.substring(0, 64) + "...";
        return AdminOutcome.refused(io.switchboard.ingress.http.ApiError.of(ErrorCode.API_KEY_NOT_FOUND,
                "No API key with id '" + shown + "'"));
    }
}
