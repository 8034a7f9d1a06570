package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTopicReader;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts topic as an in-memory table (accountId to Account, tombstones remove), followed like
 * {@link ApiKeyStore}: a send needs the account's sending number to build the command's key.
 */
@Singleton
public class AccountStore implements AutoCloseable {

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final CompactedTopicReader<Account> reader;

    public AccountStore(KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(Topics.ACCOUNTS, kafka.clientConfig(),
                Topics.ACCOUNTS.valueSerde(kafka.registryUrl()).deserializer(), this::apply);
    }

    private void apply(String accountId, @Nullable Account account) {
        if (account == null) {
            accounts.remove(accountId);
        } else {
            accounts.put(accountId, account);
        }
    }

    public void start() {
        reader.start();
    }

    public boolean isReady() {
        return reader.isCaughtUp();
    }

    public CompletableFuture<Void> ready() {
        return reader.caughtUp();
    }

    @Nullable
    public Account byId(String accountId) {
        return accounts.get(accountId);
    }

    /** Every account, for jobs that visit them all (template sync). */
    public java.util.List<Account> all() {
        return java.util.List.copyOf(accounts.values());
    }

    public int size() {
        return accounts.size();
    }

    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}
