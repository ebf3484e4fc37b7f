package dev.herald.feature;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.Tool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool registry and the two methods on it. Shared by every session; thread-safe.
 * Failures inside a tool become {@code isError} results; only an unknown tool is a protocol error.
 */
public final class Tools {
    private static final Logger log = LoggerFactory.getLogger(Tools.class);

    private final Registry<ToolEntry> registry = new Registry<>();
    private final java.util.Set<String> inline = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Marks a tool whose handler never blocks (no waiting, no I/O, no progress): its calls may run
     * on the reader thread itself, saving a thread hand-off on the way to the answer.
     */
    public void runsInline(String name) {
        inline.add(name);
    }

    public boolean inline(String name) {
        return inline.contains(name);
    }

    public Registry<ToolEntry> registry() {
        return registry;
    }

    /** {@code tools/list}: one page, as a client of version {@code v} may see it. */
    public Page<Tool> list(String cursor, int pageSize, ProtocolVersion v) {
        List<Tool> all = registry.list().stream().map(e -> e.tool().forVersion(v)).toList();
        return Page.of(all, cursor, pageSize);
    }

    /** The tool called {@code name}; an unknown name is {@code -32602}. */
    public ToolEntry find(String name) {
        ToolEntry entry = registry.get(name);
        if (entry == null) {
            throw RpcException.invalidParams("Unknown tool: " + name);
        }
        return entry;
    }

    /** {@code tools/call}: validates, runs the handler, shapes the result for the client's version. */
    public CallToolResult call(ToolEntry entry, ObjectNode arguments, RequestContext context) throws InterruptedException {
        String name = entry.tool().name();
        ObjectNode schema = entry.tool().inputSchema();
        List<String> problems = SchemaValidator.validate(schema, arguments);
        if (!problems.isEmpty()) {
            return CallToolResult.error("Invalid arguments for " + name + ": " + String.join("; ", problems) + ".");
        }
        CallToolResult result;
        try {
            result = entry.handler().call(context, SchemaValidator.withDefaults(schema, arguments));
        } catch (ToolException e) {
            result = CallToolResult.error(e.getMessage());
        } catch (InterruptedException | RpcException | InputRequiredException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            log.error("Tool {} failed", name, e);
            result = CallToolResult.error("The tool " + name + " failed with an internal error.");
        }
        return result.forVersion(context.version());
    }
}
