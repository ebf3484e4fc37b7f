package dev.herald.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientRequestException;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.feature.ToolHandler;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Methods;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ask_user, ask_llm and list_roots: tools that send a request to the client (elicitation,
 * sampling, roots) and wait for it on the call's own thread. Every way it can fail (no
 * capability, declined, error, timeout) is a clean isError result.
 */
final class ClientTools {
    private final Duration timeout;

    private ClientTools(Duration timeout) {
        this.timeout = timeout;
    }

    static void install(Server server) {
        ClientTools t = new ClientTools(server.options().clientTimeout());
        add(server, "ask_user", "Ask the user", "Asks the user a question through the client (elicitation/create, form mode) "
                + "and returns the answer. Needs a client with the elicitation capability.",
                Schema.object().string("question", "The question to show the user", 2000, true).build(), t::askUser);
        add(server, "ask_llm", "Ask the client's model", "Asks the client's language model for a completion "
                + "(sampling/createMessage) and returns its reply. Needs a client with the sampling capability.",
                Schema.object().string("prompt", "The message to send to the model", 10_000, true)
                        .integer("max_tokens", "Most tokens the reply may use (1 to 4096)", 1, 4096, 500L).build(), t::askLlm);
        add(server, "list_roots", "List the client's roots", "Asks the client for its roots (roots/list): the directories "
                + "or files it lets servers work in. Needs a client with the roots capability.", Schema.object().build(), t::listRoots);
    }

    private static void add(Server server, String name, String title, String description, ObjectNode schema, ToolHandler handler) {
        ToolAnnotations hints = new ToolAnnotations(title, true, null, null, true);
        Tool tool = new Tool(name, title, description, schema, null, hints).withTaskSupport(Tool.TaskSupport.OPTIONAL);
        server.tools().registry().put(name, new ToolEntry(tool, handler, true));
    }

    private CallToolResult askUser(RequestContext ctx, ObjectNode args) throws Exception {
        String question = args.get("question").textValue();
        ObjectNode answerField = Json.object().put("type", "string").put("title", "Answer").put("description", question);
        JsonNode result = ask(ctx, Methods.ELICITATION_CREATE, form(ctx, question, "answer", answerField), timeout);
        String action = result.path("action").asText();
        return switch (action) {
            case "accept" -> {
                String answer = result.path("content").path("answer").asText("");
                yield CallToolResult.structured("The user answered: " + answer, Map.of("action", action, "answer", answer));
            }
            case "decline" -> CallToolResult.error("The user declined to answer.");
            case "cancel" -> CallToolResult.error("The user dismissed the question without answering.");
            default -> CallToolResult.error("The client answered with an unknown action: " + action);
        };
    }

    private CallToolResult askLlm(RequestContext ctx, ObjectNode args) throws Exception {
        Map<String, Object> message = Map.of("role", "user", "content", Map.of("type", "text", "text", args.get("prompt").textValue()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("messages", List.of(message));
        params.put("maxTokens", args.get("max_tokens").intValue());
        JsonNode result = ask(ctx, Methods.SAMPLING_CREATE_MESSAGE, params, timeout);
        JsonNode content = result.path("content");
        String text = content.path("type").asText().equals("text") ? content.path("text").asText() : "[" + content.path("type").asText() + " content]";
        String model = result.path("model").asText("unknown model");
        return CallToolResult.structured("The model (" + model + ") replied: " + text, Map.of("model", model, "text", text));
    }

    private CallToolResult listRoots(RequestContext ctx, ObjectNode args) throws Exception {
        JsonNode roots = ask(ctx, Methods.ROOTS_LIST, null, timeout).path("roots");
        List<String> lines = new ArrayList<>();
        for (JsonNode root : roots) {
            lines.add(root.path("uri").asText() + (root.has("name") ? " (" + root.path("name").asText() + ")" : ""));
        }
        String text = lines.isEmpty() ? "The client has no roots." : "The client's roots:\n" + String.join("\n", lines);
        return CallToolResult.structured(text, Map.of("roots", roots));
    }

    /** Params of a form-mode elicitation/create asking for one required field. */
    static ObjectNode form(RequestContext ctx, String message, String field, ObjectNode fieldSchema) {
        ObjectNode params = Json.object();
        if (ctx.version().since20251125()) {
            params.put("mode", "form");
        }
        params.put("message", message);
        ObjectNode schema = params.putObject("requestedSchema").put("type", "object");
        schema.putObject("properties").set(field, fieldSchema);
        schema.putArray("required").add(field);
        return params;
    }

    /** Sends the request, turning every failure into a ToolException the model can read. */
    static JsonNode ask(RequestContext ctx, String method, Object params, Duration timeout) throws Exception {
        try {
            return ctx.client().request(method, params, timeout);
        } catch (ClientRequestException e) {
            throw new ToolException(switch (e.reason()) {
                case UNSUPPORTED -> "Cannot send " + method + ": " + e.getMessage();
                case TIMEOUT -> e.getMessage() + "; the request was withdrawn.";
                case CLIENT_ERROR -> "The client refused " + method + ": " + e.getMessage() + " (code " + e.code() + ").";
                case CLOSED -> "The connection closed before the client answered.";
            });
        }
    }
}
