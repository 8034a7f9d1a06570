package io.switchboard.dispatcher;

/** The business number is halted: no slot is granted until an operator clears the halt. */
public final class NumberHaltedException extends RuntimeException {

    public NumberHaltedException(String phoneNumberId) {
        super("business number " + phoneNumberId + " is halted", null, false, false);
    }
}
