package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a HALT verdict stops sending: the whole account when its cause is the account's (token, permissions, lock,
 * payment, policy: {@link SendOutcomeClassifier#haltsAccount}), else the business number. Number halts live in
 * {@link HaltRegistry} (read by the pacing script), account halts in {@link AccountHalts} (checked before a slot is
 * taken). Either way the halt is shared by every instance and lasts until an operator clears it.
 */
public final class Halts {

    private static final Logger LOG = LoggerFactory.getLogger(Halts.class);

    private final HaltRegistry numbers;
    private final AccountHalts accounts;

    public Halts(HaltRegistry numbers, AccountHalts accounts) {
        this.numbers = numbers;
        this.accounts = accounts;
    }

    /** Whether the command's account is halted (its number's halt is enforced by the pace itself). */
    public boolean accountHalted(SendCommand command) {
        return accounts.isHalted(command.getAccountId());
    }

    /** Halts the command's number or account, as the verdict's cause says; completes when Redis has it. */
    public CompletableFuture<Void> halt(SendCommand command, Classification verdict) {
        boolean account = SendOutcomeClassifier.haltsAccount(verdict);
        String scope = account ? "account " + command.getAccountId() : "business number " + command.getPhoneNumberId();
        String clear = account ? "/admin/halts/accounts/" + command.getAccountId() + "/clear"
                : "/admin/halts/" + command.getPhoneNumberId() + "/clear";
        LOG.error("HALT: {} cannot send ({}, seen on number {}); sending for it stops until an operator clears it "
                + "(POST {}). Message {} waits. Check the access token, permissions and account status.", scope,
                describe(verdict.error()), command.getPhoneNumberId(), clear, command.getMessageId());
        CompletableFuture<Boolean> recorded = account
                ? accounts.halt(command.getAccountId(), command.getPhoneNumberId(), verdict.error(),
                        command.getMessageId())
                : numbers.halt(command.getPhoneNumberId(), verdict.error(), command.getMessageId());
        return recorded.handle((fresh, failure) -> {
            if (failure != null) {
                // The message waits anyway; the next refused send records the halt again.
                LOG.warn("Could not record the halt of {}: {}", scope, failure.toString());
            }
            return null;
        });
    }

    private static String describe(ErrorInfo error) {
        return error == null ? "no error" : "code " + error.getCode() + " " + error.getTitle()
                + (error.getDetail() == null ? "" : " (" + error.getDetail() + ")");
    }
}
