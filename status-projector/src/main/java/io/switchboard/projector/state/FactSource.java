package io.switchboard.projector.state;

/**
 * Who reported a fact; written into every timeline entry. Only {@link #WHATSAPP} may revive a failed or expired
 * message, because only WhatsApp knows that a message reached a device after all (multi-device).
 */
public final class FactSource {

    /** The send command: the message was accepted by the API or produced by an internal service. */
    public static final String API = "api";
    /** The dispatcher's own outcome: sent with a wamid, failed, expired, attempts. */
    public static final String DISPATCHER = "dispatcher";
    /** A status webhook from WhatsApp. */
    public static final String WHATSAPP = "whatsapp";

    private FactSource() {
    }
}
