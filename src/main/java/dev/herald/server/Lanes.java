package dev.herald.server;

import dev.herald.jsonrpc.Message;
import dev.herald.protocol.Methods;
import java.util.Set;

/**
 * Where a request runs: inline on the reader thread (it cannot block, so it saves a thread
 * hand-off), or as a call on a virtual thread of its own; and whether it holds a place under the
 * in-flight bound (a long-lived stream does not). Asked on the reader thread; stateless.
 */
final class Lanes {
    /** Requests whose handling never blocks: lists, completion, prompts, and calls of tools marked to run inline. */
    private static final Set<String> INLINE = Set.of(Methods.TOOLS_LIST, Methods.RESOURCES_LIST, Methods.RESOURCES_TEMPLATES_LIST,
            Methods.PROMPTS_LIST, Methods.PROMPTS_GET, Methods.COMPLETION_COMPLETE);

    private Lanes() {
        throw new AssertionError();
    }

    static boolean inline(Server server, Message.Request request) {
        if (INLINE.contains(request.method())) {
            return true;
        }
        return request.method().equals(Methods.TOOLS_CALL) && request.params() != null
                && request.params().path("task").isMissingNode() && server.tools().inline(request.params().path("name").asText(""));
    }

    /** A long-lived extension stream: exempt from the in-flight bound. */
    static boolean stream(Server server, String method) {
        var extension = server.extensionMethod(method);
        return extension != null && extension.stream();
    }
}
