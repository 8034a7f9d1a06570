package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.BootstrapConfiguration;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The account and all-permission API key described by {@code switchboard.ingress.bootstrap}. The key's record id is
 * derived from its hash, so every restart addresses the same record; a record is republished only when it differs
 * from what the topic already holds (creation time aside), so restarts do not grow the topic.
 */
public final class BootstrapRecords {

    private BootstrapRecords() {
    }

    public static Account account(BootstrapConfiguration config, Instant createdAt) {
        return Account.newBuilder()
                .setAccountId(config.getAccountId())
                .setName(config.getAccountName())
                .setWabaId(config.getWabaId())
                .setPhoneNumberId(config.getPhoneNumberId())
                .setDisplayPhoneNumber(null)
                .setCreatedAt(createdAt)
                .build();
    }

    /** The account as configured, keeping what the topic already holds of it: creation time and status. */
    public static Account account(BootstrapConfiguration config, @Nullable Account current, Instant now) {
        if (current == null) {
            return account(config, now);
        }
        Account account = account(config, current.getCreatedAt());
        account.setStatus(current.getStatus());
        account.setStatusReason(current.getStatusReason());
        account.setStatusChangedAt(current.getStatusChangedAt());
        return account;
    }

    public static ApiKey apiKey(BootstrapConfiguration config, Instant createdAt) {
        String key = Objects.requireNonNull(config.getApiKey(), "bootstrap api-key");
        String hash = ApiKeyHashes.sha256Hex(key);
        return ApiKey.newBuilder()
                .setKeyId(hash.substring(0, 16))
                .setKeyHash(hash)
                .setKeyPrefix(ApiKeyHashes.displayPrefix(key))
                .setName("bootstrap")
                .setDescription("Created from switchboard.ingress.bootstrap at start-up")
                .setAccountId(config.getAccountId())
                .setPermissions(List.of(Permission.values()))
                .setRateLimitPerMinute(config.getRateLimitPerMinute())
                .setDailyLimit(config.getDailyLimit())
                .setActive(true)
                .setExpiresAt(null)
                .setCreatedAt(createdAt)
                .build();
    }

    /** Same configuration, creation time aside. */
    public static boolean sameAccount(@Nullable Account current, Account wanted) {
        return current != null
                && Objects.equals(current.getAccountId(), wanted.getAccountId())
                && Objects.equals(current.getName(), wanted.getName())
                && Objects.equals(current.getWabaId(), wanted.getWabaId())
                && Objects.equals(current.getPhoneNumberId(), wanted.getPhoneNumberId())
                && Objects.equals(current.getDisplayPhoneNumber(), wanted.getDisplayPhoneNumber())
                && current.getMessagesPerSecond() == wanted.getMessagesPerSecond();
    }

    /** Same configuration, creation time aside. */
    public static boolean sameKey(@Nullable ApiKey current, ApiKey wanted) {
        return current != null
                && Objects.equals(current.getKeyId(), wanted.getKeyId())
                && Objects.equals(current.getKeyHash(), wanted.getKeyHash())
                && Objects.equals(current.getKeyPrefix(), wanted.getKeyPrefix())
                && Objects.equals(current.getName(), wanted.getName())
                && Objects.equals(current.getDescription(), wanted.getDescription())
                && Objects.equals(current.getAccountId(), wanted.getAccountId())
                && Objects.equals(current.getPermissions(), wanted.getPermissions())
                && current.getRateLimitPerMinute() == wanted.getRateLimitPerMinute()
                && current.getDailyLimit() == wanted.getDailyLimit()
                && current.getActive() == wanted.getActive()
                && Objects.equals(current.getExpiresAt(), wanted.getExpiresAt())
                && Objects.equals(current.getEncryptedSecret(), wanted.getEncryptedSecret())
                && current.getRequireSignature() == wanted.getRequireSignature();
    }
}
