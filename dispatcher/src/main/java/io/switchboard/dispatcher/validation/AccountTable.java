package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import java.util.Map;

/**
 * The compacted {@code accounts} topic in memory (accountId to Account), followed for as long as the dispatcher
 * runs: which accounts exist and whether each may send ({@code Account.status}).
 */
public final class AccountTable extends CompactedTable<Account> implements CommandRules.Accounts {

    public AccountTable(Map<String, Object> kafkaConfig, String registryUrl) {
        super(Topics.ACCOUNTS, kafkaConfig, registryUrl);
    }

    @Override
    public Account byId(String accountId) {
        return get(accountId);
    }
}
