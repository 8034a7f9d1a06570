package io.switchboard.dispatcher.validation;

import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_ACCEPTED_AT;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_ENVELOPE;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_EXPIRY;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_MESSAGE_ID;
import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_RECIPIENT;
import static io.switchboard.dispatcher.validation.RejectionCode.KEY_MISMATCH;
import static io.switchboard.dispatcher.validation.RejectionCode.MISSING_MESSAGE_ID;
import static io.switchboard.dispatcher.validation.RejectionCode.NUMBER_NOT_OWNED;
import static io.switchboard.dispatcher.validation.RejectionCode.PHONE_NUMBER_NOT_OF_ACCOUNT;
import static io.switchboard.dispatcher.validation.RejectionCode.UNKNOWN_ACCOUNT;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a decoded send command may be sent, checked before anything else happens to it and stopping at the first
 * problem, in this order: messageId present and a UUID; the record key equal to {@code phoneNumberId:recipient} (the
 * key decides the partition, so a wrong key breaks per-conversation order); recipient in E.164 ("+", a non-zero
 * digit, 8 to 15 digits); the account exists on the accounts topic and owns phoneNumberId according to the
 * phone-numbers table (a number without a record there must be the account's own {@code phoneNumberId}, as records
 * written before that table existed say; skipped when {@code require-account} is off); acceptedAt set (after 2020) and not more than 5 minutes ahead of our clock;
 * expiresAt, when set, at most send-commands' retention (7 days) after acceptedAt (one already past expires the
 * message instead); reference (100),
 * replyToWamid (256) and source (64) within bounds; then the content ({@link ContentRules}). Commands from
 * api-ingress pass: these are the API's own rules.
 */
public final class CommandRules {

    /** The accounts table; null when there is no such account. */
    @FunctionalInterface
    public interface Accounts {
        Account byId(String accountId);
    }

    /** The phone-numbers table: the account that owns a business number, or null when no record names it. */
    @FunctionalInterface
    public interface NumberOwners {
        String ownerOf(String phoneNumberId);
    }

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration LONGEST_VALIDITY = Topics.SEND_COMMANDS.retention();

    private final Accounts accounts;
    private final NumberOwners owners;
    private final boolean requireAccount;
    private final Clock clock;

    /** Without a phone-numbers table: each account owns only its own {@code phoneNumberId}. */
    public CommandRules(Accounts accounts, boolean requireAccount, Clock clock) {
        this(accounts, phoneNumberId -> null, requireAccount, clock);
    }

    public CommandRules(Accounts accounts, NumberOwners owners, boolean requireAccount, Clock clock) {
        this.accounts = accounts;
        this.owners = owners;
        this.requireAccount = requireAccount;
        this.clock = clock;
    }

    /** The first problem of {@code command} read under {@code key}, or empty when it may be sent. */
    public Optional<Rejection> check(String key, SendCommand command) {
        try {
            envelope(key, command);
            ContentRules.check(command);
            return Optional.empty();
        } catch (Rejection.Found found) {
            return Optional.of(found.rejection());
        }
    }

    private void envelope(String key, SendCommand command) {
        String messageId = command.getMessageId();
        if (messageId == null || messageId.isBlank()) {
            throw Rejection.of(MISSING_MESSAGE_ID, "messageId must be set to a new UUID for every message");
        }
        if (!UUID_TEXT.matcher(messageId).matches()) {
            throw Rejection.of(INVALID_MESSAGE_ID, "messageId must be a UUID, e.g. 3f1c2b9e-8a4d-4c57-9e1a-2b7d0c6f5a13");
        }
        String expectedKey = Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
        if (!expectedKey.equals(key)) {
            throw Rejection.of(KEY_MISMATCH, "the record key must be phoneNumberId:recipient (Topics.sendCommandKey), "
                    + (key == null ? "but the record has no key" : "but it is not"));
        }
        if (command.getRecipient() == null || !E164.matcher(command.getRecipient()).matches()) {
            throw Rejection.of(INVALID_RECIPIENT, "recipient must be in E.164 format: a + then 8 to 15 digits, the first not 0");
        }
        if (requireAccount) {
            account(command);
        }
        Instant acceptedAt = command.getAcceptedAt();
        if (acceptedAt == null || acceptedAt.isBefore(EARLIEST)
                || acceptedAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw Rejection.of(INVALID_ACCEPTED_AT, "acceptedAt must be the time the message was accepted (now), "
                    + "not " + acceptedAt);
        }
        Instant expiresAt = command.getExpiresAt();
        // An expiresAt already past is no error: the message is EXPIRED, never sent (the dispatcher's expiry rule).
        if (expiresAt != null && expiresAt.isAfter(acceptedAt.plus(LONGEST_VALIDITY))) {
            throw Rejection.of(INVALID_EXPIRY, "expiresAt must be at most " + LONGEST_VALIDITY.toDays()
                    + " days after acceptedAt (send-commands keeps records that long)");
        }
        Limits.optional(INVALID_ENVELOPE, "reference", command.getReference(), 100);
        Limits.optional(INVALID_ENVELOPE, "replyToWamid", command.getReplyToWamid(), 256);
        Limits.optional(INVALID_ENVELOPE, "source", command.getSource(), 64);
    }

    private void account(SendCommand command) {
        String accountId = command.getAccountId();
        Account account = accountId == null || accountId.isBlank() ? null : accounts.byId(accountId);
        if (account == null) {
            throw Rejection.of(UNKNOWN_ACCOUNT, "accountId " + (accountId == null ? "(none)" : "'" + accountId + "'")
                    + " is not a connected account");
        }
        String owner = owners.ownerOf(command.getPhoneNumberId());
        if (owner != null && !owner.equals(accountId)) {
            // The owner is another tenant: its id is not ours to tell (the reason reaches the sender's status).
            throw Rejection.of(NUMBER_NOT_OWNED, "phoneNumberId " + command.getPhoneNumberId()
                    + " belongs to another account; account '" + accountId + "' can only send from its own numbers");
        }
        if (owner == null && !account.getPhoneNumberId().equals(command.getPhoneNumberId())) {
            throw Rejection.of(PHONE_NUMBER_NOT_OF_ACCOUNT, "phoneNumberId " + command.getPhoneNumberId()
                    + " is not a number of account '" + accountId + "'");
        }
    }
}
