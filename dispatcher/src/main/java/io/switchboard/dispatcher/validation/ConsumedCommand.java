package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.avro.SendCommand;

/**
 * A send-commands value as the dispatcher's consumer reads it: the bytes exactly as produced (kept so that a rejected
 * record goes to {@code rejected-commands} unchanged), and either the decoded command or why it could not be decoded.
 *
 * @param command the decoded command; null when undecodable
 * @param value the record's value bytes as produced
 * @param undecodable why the bytes are not a SendCommand; null when decoded
 */
public record ConsumedCommand(SendCommand command, byte[] value, Rejection undecodable) {

    static ConsumedCommand decoded(SendCommand command, byte[] value) {
        return new ConsumedCommand(command, value, null);
    }

    static ConsumedCommand undecodable(byte[] value, RejectionCode code, String reason) {
        return new ConsumedCommand(null, value, new Rejection(code, reason));
    }
}
