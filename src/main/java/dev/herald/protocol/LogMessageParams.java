package dev.herald.protocol;

/** Params of {@code notifications/message}: {@code data} is any JSON value. */
public record LogMessageParams(LogLevel level, String logger, Object data) {
    public LogMessageParams {
        java.util.Objects.requireNonNull(level);
        java.util.Objects.requireNonNull(data);
    }
}
