package dev.herald.protocol;

import java.util.List;

/**
 * The result of {@code tools/call}. {@code structuredContent} (since 2025-06-18) is always
 * mirrored by a text block, so older clients lose nothing. Immutable.
 */
public record CallToolResult(List<Content> content, Object structuredContent, Boolean isError) {
    public CallToolResult {
        content = List.copyOf(content);
    }

    public static CallToolResult text(String text) {
        return new CallToolResult(List.of(Content.text(text)), null, false);
    }

    public static CallToolResult error(String text) {
        return new CallToolResult(List.of(Content.text(text)), null, true);
    }

    /** A result with structured content, and a text block carrying its summary. */
    public static CallToolResult structured(String text, Object structured) {
        return new CallToolResult(List.of(Content.text(text)), structured, false);
    }

    public CallToolResult forVersion(ProtocolVersion v) {
        List<Content> blocks = content.stream().map(c -> c.forVersion(v)).toList();
        return new CallToolResult(blocks, v.since20250618() ? structuredContent : null, isError);
    }
}
