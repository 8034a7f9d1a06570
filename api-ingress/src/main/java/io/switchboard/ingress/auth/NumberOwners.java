package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.PhoneNumber;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who owns a business number: the one rule every lookup by number in the ingress follows. The phone-numbers table
 * decides; a record whose account was deleted owns nothing (the number is being released). Only a number the table
 * has no record of at all (an account created before the table existed, until start-up writes its record) falls back
 * to the accounts: the oldest account, not deleted, that names it as its sending number, so two such accounts can
 * never both own it.
 */
@Singleton
public class NumberOwners {

    private static final Comparator<Account> OLDEST_FIRST =
            Comparator.comparing(Account::getCreatedAt).thenComparing(Account::getAccountId);

    private final Function<String, PhoneNumber> records;
    private final Function<String, Account> accounts;
    private final Supplier<List<Account>> allAccounts;

    @Inject
    public NumberOwners(PhoneNumberStore numbers, AccountStore accounts) {
        this(numbers::byNumber, accounts::byId, accounts::all);
    }

    NumberOwners(Function<String, PhoneNumber> records, Function<String, Account> accounts,
                 Supplier<List<Account>> allAccounts) {
        this.records = records;
        this.accounts = accounts;
        this.allAccounts = allAccounts;
    }

    /** The id of the account that owns the number, or null when nobody does. */
    @Nullable
    public String ownerOf(String phoneNumberId) {
        PhoneNumber record = records.apply(phoneNumberId);
        if (record != null) {
            Account owner = accounts.apply(record.getAccountId());
            return owner != null && owner.getStatus() == AccountStatus.DELETED ? null : record.getAccountId();
        }
        return legacyOwner(phoneNumberId);
    }

    public boolean owns(String accountId, String phoneNumberId) {
        return accountId.equals(ownerOf(phoneNumberId));
    }

    /** The owner of a number without a record, by the accounts alone (see the class comment). */
    @Nullable
    public String legacyOwner(String phoneNumberId) {
        return allAccounts.get().stream()
                .filter(account -> phoneNumberId.equals(account.getPhoneNumberId())
                        && account.getStatus() != AccountStatus.DELETED)
                .min(OLDEST_FIRST)
                .map(Account::getAccountId)
                .orElse(null);
    }
}
