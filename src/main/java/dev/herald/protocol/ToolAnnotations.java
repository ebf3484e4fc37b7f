package dev.herald.protocol;

/** Behaviour hints for a tool (since 2025-03-26); null means the spec's default. */
public record ToolAnnotations(
        String title, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint, Boolean openWorldHint) {

    /** Reads state and touches nothing outside Herald. */
    public static ToolAnnotations readOnly(String title) {
        return new ToolAnnotations(title, true, null, null, false);
    }

    /** Changes Herald's own state (or sends something) without destroying anything. */
    public static ToolAnnotations additive(String title) {
        return new ToolAnnotations(title, false, false, false, false);
    }
}
