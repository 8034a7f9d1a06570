package io.switchboard.ingress.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.Account;
import io.switchboard.ingress.auth.ApiOperation;

/**
 * One send endpoint: its name (also the scope of an Idempotency-Key's body hash, so one key reused on another
 * endpoint counts as another body), its operation (which names the permission it needs, in the one table of
 * {@link ApiOperation}), and how it validates a body into a {@link PreparedSend}.
 *
 * @param name endpoint name, e.g. "text", "template/send"
 * @param operation the operation, whose permission the key needs
 * @param preparer validates the body; throws {@link InvalidRequestException} with the client's error
 */
public record SendEndpoint(String name, ApiOperation operation, Preparer preparer) {

    /** Validates a body for an account. */
    @FunctionalInterface
    public interface Preparer {
        PreparedSend prepare(ObjectNode body, Account account);
    }
}
