package dev.herald.protocol;

import java.util.List;

/** The result of {@code prompts/get}: messages for the model, with an optional description. */
public record PromptResult(String description, List<Message> messages) {
    public PromptResult {
        messages = List.copyOf(messages);
    }

    /** One message of a prompt: role {@code user} or {@code assistant}. */
    public record Message(String role, Content content) {}

    public PromptResult forVersion(ProtocolVersion v) {
        return new PromptResult(description, messages.stream().map(m -> new Message(m.role(), m.content().forVersion(v))).toList());
    }
}
