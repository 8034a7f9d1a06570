package io.switchboard.dispatcher;

import io.switchboard.dispatcher.validation.CommandRules;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.util.Optional;

/**
 * Whether the account of a message may still send: an account that is DISABLED or DELETED (or has a status this
 * version does not know, which reads as DISABLED) sends nothing, so every message of it that is not sent yet (new,
 * waiting for a slot, retrying, parked or halted) ends FAILED with reason ACCOUNT_DISABLED or ACCOUNT_DELETED and a
 * title and detail its sender can act on. Asked before every attempt; an account the table does not know is not
 * refused here (the validation step decides about unknown accounts).
 */
public final class AccountStanding {

    public static final String DISABLED = "ACCOUNT_DISABLED";
    public static final String DELETED = "ACCOUNT_DELETED";

    private final CommandRules.Accounts accounts;

    public AccountStanding(CommandRules.Accounts accounts) {
        this.accounts = accounts;
    }

    /** Every account may send: for wiring without an accounts table. */
    public static AccountStanding allowAll() {
        return new AccountStanding(accountId -> null);
    }

    /** The error to fail {@code command} with, or empty while its account may send. */
    public Optional<ErrorInfo> refusal(SendCommand command) {
        Account account = command.getAccountId() == null ? null : accounts.byId(command.getAccountId());
        if (account == null || account.getStatus() == AccountStatus.ACTIVE) {
            return Optional.empty();
        }
        boolean deleted = account.getStatus() == AccountStatus.DELETED;
        String when = account.getStatusChangedAt() == null ? "" : " on " + account.getStatusChangedAt();
        String why = account.getStatusReason() == null || account.getStatusReason().isBlank() ? ""
                : " (" + account.getStatusReason() + ")";
        String detail = deleted
                ? "Account " + account.getAccountId() + " was deleted" + when + why
                        + "; its messages that were not sent yet are not sent."
                : "Account " + account.getAccountId() + " was disabled" + when + why
                        + "; its messages that were not sent yet are not sent. Send them again once an "
                        + "administrator has enabled the account.";
        return Optional.of(ErrorInfo.newBuilder().setCode(null)
                .setTitle(deleted ? "Account deleted" : "Account disabled")
                .setDetail(detail).setReason(deleted ? DELETED : DISABLED).build());
    }
}
