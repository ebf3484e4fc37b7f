package dev.herald.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as {@code tools/list} shows it. {@code inputSchema} is a JSON Schema object with root
 * type object; {@code outputSchema} (since 2025-06-18) is optional; {@code execution} (since
 * 2025-11-25) says whether it runs as a task, absent meaning forbidden. Immutable.
 */
public record Tool(
        String name,
        String title,
        String description,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        ToolAnnotations annotations,
        Execution execution) {

    /** Whether a client may, or must, call the tool as a task. */
    public enum TaskSupport {
        FORBIDDEN, OPTIONAL, REQUIRED;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The {@code execution} member of a tool. */
    public record Execution(TaskSupport taskSupport) {}

    public Tool {
        java.util.Objects.requireNonNull(name);
        java.util.Objects.requireNonNull(inputSchema);
    }

    /** A tool that never runs as a task. */
    public Tool(String name, String title, String description, ObjectNode inputSchema, ObjectNode outputSchema,
                ToolAnnotations annotations) {
        this(name, title, description, inputSchema, outputSchema, annotations, null);
    }

    /** This tool, callable as a task as {@code support} says. */
    public Tool withTaskSupport(TaskSupport support) {
        return new Tool(name, title, description, inputSchema, outputSchema, annotations,
                support == TaskSupport.FORBIDDEN ? null : new Execution(support));
    }

    /** How this tool may be called: forbidden unless it says otherwise. */
    public TaskSupport taskSupport() {
        return execution == null || execution.taskSupport() == null ? TaskSupport.FORBIDDEN : execution.taskSupport();
    }

    /** This tool as a client of version {@code v} may see it. */
    public Tool forVersion(ProtocolVersion v) {
        if (v.coreTasks()) {
            return this;
        }
        if (v.since20250618()) {
            return new Tool(name, title, description, inputSchema, outputSchema, annotations);
        }
        return new Tool(name, null, description, inputSchema, null, v.since20250326() ? annotations : null);
    }
}
