package dev.herald.feature;

import dev.herald.protocol.Prompt;
import dev.herald.protocol.PromptResult;
import java.util.Map;

/** A registered prompt, how to render it, completers for its arguments, and whether it is built in. */
public record PromptEntry(Prompt prompt, Renderer renderer, Map<String, Completer> completers, boolean builtIn) {
    public PromptEntry {
        completers = Map.copyOf(completers);
    }

    /** Renders the prompt; required arguments are present. Runs on a request thread. */
    @FunctionalInterface
    public interface Renderer {
        PromptResult render(Map<String, String> arguments);
    }
}
