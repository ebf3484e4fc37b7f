package dev.herald.protocol;

import java.util.Locale;

/** RFC 5424 severities as MCP names them, lowest first; {@code toString()} is the wire name. */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name: Jackson writes enums through {@code toString()}. */
    @Override
    public String toString() {
        return wire();
    }

    /** The level with this wire name, or null. */
    public static LogLevel parse(String wire) {
        for (LogLevel level : values()) {
            if (level.wire().equals(wire)) {
                return level;
            }
        }
        return null;
    }
}
