package dev.herald.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** RFC 5424 severities as MCP names them, lowest first. */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
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
