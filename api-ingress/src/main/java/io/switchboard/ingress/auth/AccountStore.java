package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTable;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import jakarta.inject.Singleton;

/**
 * The accounts topic as an in-memory table (accountId to Account, tombstones remove), followed like
 * {@link ApiKeyStore}: a send needs the account's sending number to build the command's key.
 */
@Singleton
public class AccountStore extends CompactedTable<Account> {

    public AccountStore(KafkaSettings kafka) {
        super(Topics.ACCOUNTS, kafka);
    }

    @Nullable
    public Account byId(String accountId) {
        return get(accountId);
    }
}
