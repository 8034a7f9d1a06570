package io.switchboard.ingress.status;

import io.micronaut.serde.annotation.SerdeImport;
import io.switchboard.schemas.MessageError;

/** Lets Micronaut's serialization write {@link MessageError}, which lives in the shared schemas module. */
@SerdeImport(MessageError.class)
final class MessageErrorSerde {

    private MessageErrorSerde() {
    }
}
