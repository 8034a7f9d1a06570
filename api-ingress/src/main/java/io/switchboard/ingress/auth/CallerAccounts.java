package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Account;
import jakarta.inject.Singleton;

/**
 * The account an authenticated caller acts for, with its business number, for every endpoint that sends from the
 * number or reads what arrived at it (sends, the inbound listing, media downloads): 403 ACCOUNT_NOT_CONFIGURED when
 * the key's account is not in the accounts table, 403 PHONE_NUMBER_NOT_OWNED when the number it names belongs to
 * another account (accounts created before ownership was enforced may name a number another account owns). The other
 * account is never named to the caller.
 */
@Singleton
public class CallerAccounts {

    private final AccountStore accounts;
    private final NumberOwners owners;

    public CallerAccounts(AccountStore accounts, NumberOwners owners) {
        this.accounts = accounts;
        this.owners = owners;
    }

    /**
     * The caller's account, or why it cannot act for it.
     *
     * @param account the account; null when refused
     * @param error the refusal; null when the account may act
     */
    public record Resolved(@Nullable Account account, @Nullable ApiError error) {
    }

    public Resolved of(Caller caller) {
        Account account = accounts.byId(caller.accountId());
        if (account == null) {
            return new Resolved(null, ApiError.of(ErrorCode.ACCOUNT_NOT_CONFIGURED,
                    "The WhatsApp account of this API key is not configured"));
        }
        if (!owners.owns(account.getAccountId(), account.getPhoneNumberId())) {
            return new Resolved(null, ApiError.of(ErrorCode.PHONE_NUMBER_NOT_OWNED, "The business phone number of "
                    + "this API key's account is assigned to another account, so nothing can be sent from it or read "
                    + "for it; ask your administrator."));
        }
        return new Resolved(account, null);
    }
}
