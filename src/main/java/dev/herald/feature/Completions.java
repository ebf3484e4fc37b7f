package dev.herald.feature;

import dev.herald.jsonrpc.RpcException;
import java.util.List;
import java.util.Map;

/** {@code completion/complete} over prompt arguments and template variables. Stateless; thread-safe. */
public final class Completions {
    /** The spec's cap on values in one completion result. */
    public static final int MAX_VALUES = 100;

    private final Prompts prompts;
    private final Resources resources;

    public Completions(Prompts prompts, Resources resources) {
        this.prompts = prompts;
        this.resources = resources;
    }

    /** The result body: at most 100 values, with the total and whether more exist. */
    public record Result(List<String> values, Integer total, Boolean hasMore) {}

    /** {@code refType} is {@code ref/prompt} (with a name) or {@code ref/resource} (with a template URI). */
    public Result complete(String refType, String ref, String argument, String value, Map<String, String> context) {
        Completer completer = switch (refType) {
            case "ref/prompt" -> {
                PromptEntry entry = prompts.registry().get(ref);
                if (entry == null) {
                    throw RpcException.invalidParams("Unknown prompt: " + ref);
                }
                if (entry.prompt().arguments().stream().noneMatch(a -> a.name().equals(argument))) {
                    throw RpcException.invalidParams("Prompt " + ref + " has no argument " + argument);
                }
                yield entry.completers().get(argument);
            }
            case "ref/resource" -> {
                TemplateEntry entry = resources.templates().list().stream()
                        .filter(t -> t.template().uriTemplate().equals(ref))
                        .findFirst()
                        .orElseThrow(() -> RpcException.invalidParams("Unknown resource template: " + ref));
                if (!entry.matcher().variables().contains(argument)) {
                    throw RpcException.invalidParams("Template " + ref + " has no variable " + argument);
                }
                yield entry.completers().get(argument);
            }
            default -> throw RpcException.invalidParams("Unknown reference type: " + refType);
        };
        List<String> all = completer == null ? List.of() : completer.complete(value, context);
        List<String> values = all.size() > MAX_VALUES ? all.subList(0, MAX_VALUES) : all;
        return new Result(values, all.size(), all.size() > MAX_VALUES);
    }
}
