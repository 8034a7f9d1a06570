package io.switchboard.dispatcher.validation;

/**
 * Why a record on {@code send-commands} was rejected without being sent. The code is written to
 * {@code rejected-commands} ({@code RejectedCommand.code}); the stable strings are part of the topic contract
 * (schemas/README.md), so constants are only ever added, never renamed.
 */
public enum RejectionCode {
    /** A null value (tombstone): nothing to send. */
    EMPTY_VALUE,
    /** Shorter than 5 bytes or not starting with magic byte 0: not the Confluent wire format. */
    NOT_WIRE_FORMAT,
    /** The schema id in the header is not known to the schema registry. */
    UNKNOWN_SCHEMA_ID,
    /** The writer schema is not a SendCommand (e.g. another topic's record produced here). */
    NOT_A_SEND_COMMAND,
    /** Framed correctly, but the Avro body does not decode with its writer schema. */
    UNDECODABLE,
    /** messageId empty or blank. */
    MISSING_MESSAGE_ID,
    /** messageId not a UUID (the status API only knows UUIDs). */
    INVALID_MESSAGE_ID,
    /** messageId already used by a different command. */
    DUPLICATE_MESSAGE_ID,
    /** The record key is not {@code phoneNumberId:recipient}. */
    KEY_MISMATCH,
    /** recipient not in E.164 with the leading +. */
    INVALID_RECIPIENT,
    /** accountId empty, or no such account on the accounts topic. */
    UNKNOWN_ACCOUNT,
    /** The account exists but phoneNumberId is not one of its numbers (no phone-numbers record names it). */
    PHONE_NUMBER_NOT_OF_ACCOUNT,
    /** The phone-numbers table says another account owns phoneNumberId. */
    NUMBER_NOT_OWNED,
    /** acceptedAt unset (before 2020) or in the future. */
    INVALID_ACCEPTED_AT,
    /** expiresAt further after acceptedAt than send-commands keeps records (7 days). */
    INVALID_EXPIRY,
    /** reference, replyToWamid or source too long or malformed. */
    INVALID_ENVELOPE,
    /** The content field for the kind is missing, or other content fields are set too. */
    CONTENT_MISMATCH,
    /** text.body empty, longer than 4,096 characters or not valid Unicode. */
    INVALID_TEXT,
    /** Template name, language, components or parameters break the API's rules. */
    INVALID_TEMPLATE,
    /** Media without exactly one of link (https) or id, or with a caption/filename where not allowed. */
    INVALID_MEDIA,
    /** Interactive list, buttons or CTA URL break WhatsApp's limits. */
    INVALID_INTERACTIVE
}
