package dev.herald.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Params of {@code notifications/progress}; the token is echoed with its original JSON type,
 * {@code message} since 2025-03-26, {@code _meta} names the task the progress belongs to, if any.
 */
public record ProgressParams(JsonNode progressToken, Number progress, Number total, String message,
                             @JsonProperty("_meta") Map<String, Object> meta) {
    public ProgressParams {
        java.util.Objects.requireNonNull(progressToken);
        java.util.Objects.requireNonNull(progress);
    }

    /** Whole numbers go out as integers ({@code 3}, not {@code 3.0}). */
    public static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Number) (long) value : (Number) value;
    }
}
