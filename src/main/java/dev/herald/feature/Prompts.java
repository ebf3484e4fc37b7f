package dev.herald.feature;

import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.Prompt;
import dev.herald.protocol.PromptResult;
import dev.herald.protocol.ProtocolVersion;
import java.util.Map;

/** The prompt registry and the two methods on it. Shared by every session; thread-safe. */
public final class Prompts {
    private final Registry<PromptEntry> registry = new Registry<>();

    public Registry<PromptEntry> registry() {
        return registry;
    }

    public Page<Prompt> list(String cursor, int pageSize, ProtocolVersion v) {
        return Page.of(registry.list().stream().map(e -> e.prompt().forVersion(v)).toList(), cursor, pageSize);
    }

    /** {@code prompts/get}: {@code -32602} for an unknown prompt or a missing required argument. */
    public PromptResult get(String name, Map<String, String> arguments, ProtocolVersion v) {
        PromptEntry entry = registry.get(name);
        if (entry == null) {
            throw RpcException.invalidParams("Unknown prompt: " + name);
        }
        for (Prompt.Argument argument : entry.prompt().arguments()) {
            if (Boolean.TRUE.equals(argument.required()) && !arguments.containsKey(argument.name())) {
                throw RpcException.invalidParams("Missing required argument: " + argument.name());
            }
        }
        return entry.renderer().render(arguments).forVersion(v);
    }
}
