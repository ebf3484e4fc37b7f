package dev.herald.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** Params of {@code notifications/progress}; the token is echoed with its original JSON type, {@code message} since 2025-03-26. */
public record ProgressParams(JsonNode progressToken, Number progress, Number total, String message) {
    public ProgressParams {
        java.util.Objects.requireNonNull(progressToken);
        java.util.Objects.requireNonNull(progress);
    }

    /** Whole numbers go out as integers ({@code 3}, not {@code 3.0}). */
    public static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Number) (long) value : (Number) value;
    }
}
