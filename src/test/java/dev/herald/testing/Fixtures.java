package dev.herald.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Tool;
import dev.herald.server.Server;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only tools: work that blocks until cancelled or released, prints to System.out, throws,
 * or runs out of memory. Registered by the transcript runner and the subprocess fixture main.
 */
public final class Fixtures {
    private Fixtures() {
        throw new AssertionError();
    }

    public static void install(Server server) {
        CountDownLatch gate = new CountDownLatch(1);
        add(server, "fixture_block", "Blocks until cancelled or until fixture_release is called.", (ctx, args) -> {
            gate.await();
            return CallToolResult.text("released");
        });
        add(server, "fixture_release", "Releases every fixture_block call.", (ctx, args) -> {
            gate.countDown();
            return CallToolResult.text("released all");
        });
        add(server, "fixture_print", "Prints to System.out, with and without a newline, then answers.", (ctx, args) -> {
            System.out.println("stray println from a tool");
            System.out.print("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
            System.out.flush();
            return CallToolResult.text("printed");
        });
        add(server, "fixture_throw", "Throws an unexpected exception.", (ctx, args) -> {
            throw new IllegalStateException("secret detail /home/user/.ssh/id_rsa");
        });
        add(server, "fixture_oom", "Runs out of memory inside its handler.", (ctx, args) -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        add(server, "fixture_stubborn", "Ignores interrupts: keeps working until fixture_release is called.", (ctx, args) -> {
            while (gate.getCount() > 0) {
                try {
                    gate.await();
                } catch (InterruptedException ignored) {
                    // deliberately ignored: this handler does not stop when cancelled
                }
            }
            return CallToolResult.text("finished stubbornly");
        });
        add(server, "fixture_unencodable", "Returns structured content Jackson cannot write.", (ctx, args) ->
                CallToolResult.structured("x", java.util.Map.of("when", java.util.Optional.empty())));
        AtomicReference<RequestContext> finished = new AtomicReference<>();
        add(server, "fixture_keep_context", "Answers at once but keeps its request context for fixture_late_progress.", (ctx, args) -> {
            finished.set(ctx);
            return CallToolResult.text("kept");
        });
        add(server, "fixture_late_progress", "Tries to send progress for the answered fixture_keep_context request.", (ctx, args) ->
                CallToolResult.text("late progress sent: " + finished.get().progress(99, null, "too late")));
        add(server, "fixture_rpc_error", "Fails with a JSON-RPC error (-32602) instead of a result.", (ctx, args) -> {
            throw RpcException.invalidParams("fixture_rpc_error always refuses");
        });
        // These may also run as 2025-11-25 tasks.
        for (String name : new String[] {"fixture_block", "fixture_stubborn", "fixture_throw", "fixture_rpc_error"}) {
            ToolEntry entry = server.tools().registry().get(name);
            server.tools().registry().put(name, new ToolEntry(entry.tool().withTaskSupport(Tool.TaskSupport.OPTIONAL), entry.handler(), true));
        }
    }

    private static void add(Server server, String name, String description, dev.herald.feature.ToolHandler handler) {
        ObjectNode schema = Json.object().put("type", "object");
        server.tools().registry().put(name, new ToolEntry(new Tool(name, null, description, schema, null, null), handler, true));
    }
}
