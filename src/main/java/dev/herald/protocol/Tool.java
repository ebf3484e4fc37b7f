package dev.herald.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as {@code tools/list} shows it. {@code inputSchema} is a JSON Schema object with root
 * type object; {@code outputSchema} (since 2025-06-18) is optional. Immutable.
 */
public record Tool(
        String name,
        String title,
        String description,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        ToolAnnotations annotations) {

    public Tool {
        java.util.Objects.requireNonNull(name);
        java.util.Objects.requireNonNull(inputSchema);
    }

    /** This tool as a client of version {@code v} may see it. */
    public Tool forVersion(ProtocolVersion v) {
        if (v.since20250618()) {
            return this;
        }
        return new Tool(name, null, description, inputSchema, null, v.since20250326() ? annotations : null);
    }
}
