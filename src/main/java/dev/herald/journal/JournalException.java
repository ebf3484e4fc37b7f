package dev.herald.journal;

/** The journal could not store or read events (disk full, no permission, closed); the message is for the publisher. */
public final class JournalException extends Exception {
    public JournalException(String message) {
        super(message, null, false, false);
    }
}
