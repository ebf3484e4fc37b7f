package dev.herald.event;

import dev.herald.protocol.LogLevel;
import java.util.Locale;

/** How urgent an event is, lowest first; {@code toString()} is the wire name. */
public enum Priority {
    LOW(LogLevel.DEBUG), NORMAL(LogLevel.INFO), HIGH(LogLevel.WARNING), URGENT(LogLevel.CRITICAL);

    private final LogLevel level;

    Priority(LogLevel level) {
        this.level = level;
    }

    /** The log level an event of this priority is sent at. */
    public LogLevel level() {
        return level;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    /** The priority with this wire name, or null. */
    public static Priority parse(String wire) {
        for (Priority p : values()) {
            if (p.wire().equals(wire)) {
                return p;
            }
        }
        return null;
    }
}
