package io.switchboard.dispatcher;

/**
 * What a delivery may ask of the partition its record came from: whether it may still start work (false once the
 * partition is being released: revoked, lost or shutting down), and when a Cloud API call and the handling of its
 * outcome are under way, which is the only work a release waits for.
 */
public interface Ownership {

    /** Whether new work (a marker check, a slot, a call) may start for this record. */
    boolean mayStart();

    /** A call is about to be made; its outcome will be handled before {@link #callEnded()}. */
    void callStarted();

    /** The call's outcome was handled (written, or the record went back to waiting). */
    void callEnded();
}
