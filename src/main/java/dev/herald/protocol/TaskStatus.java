package dev.herald.protocol;

import java.util.Locale;

/** Where a task is in its life (2025-11-25 tasks); {@code toString()} is the wire name. */
public enum TaskStatus {
    WORKING, INPUT_REQUIRED, COMPLETED, FAILED, CANCELLED;

    /** Completed, failed and cancelled are final: a task never leaves them. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
