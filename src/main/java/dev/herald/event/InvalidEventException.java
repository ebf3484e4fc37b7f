package dev.herald.event;

/** A draft that breaks one of the event rules; the message says which, in one sentence for the publisher. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
