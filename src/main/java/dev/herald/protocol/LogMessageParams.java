package dev.herald.protocol;


import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Params of {@code notifications/message}: {@code data} is any JSON value; {@code _meta} names a related task, if any. */
public record LogMessageParams(LogLevel level, String logger, Object data, @JsonProperty("_meta") Map<String, Object> meta) {
    public LogMessageParams {
        java.util.Objects.requireNonNull(level);
        java.util.Objects.requireNonNull(data);
    }
}
