package dev.herald.protocol;

import java.util.List;

/** A prompt as {@code prompts/list} shows it ({@code title} since 2025-06-18). */
public record Prompt(String name, String title, String description, List<Argument> arguments) {
    public Prompt {
        java.util.Objects.requireNonNull(name);
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** One string argument of a prompt. */
    public record Argument(String name, String title, String description, Boolean required) {
        public Argument forVersion(ProtocolVersion v) {
            return v.since20250618() ? this : new Argument(name, null, description, required);
        }
    }

    public Prompt forVersion(ProtocolVersion v) {
        if (v.since20250618()) {
            return this;
        }
        return new Prompt(name, null, description, arguments.stream().map(a -> a.forVersion(v)).toList());
    }
}
