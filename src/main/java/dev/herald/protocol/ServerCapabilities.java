package dev.herald.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Json;

/** The capabilities Herald declares: exactly what it implements, per protocol version. */
public final class ServerCapabilities {
    /** The tasks extension of the stateless era. */
    public static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

    private ServerCapabilities() {
        throw new AssertionError();
    }

    public static ObjectNode forVersion(ProtocolVersion v) {
        ObjectNode caps = Json.object();
        caps.putObject("logging");
        if (v.since20250326()) {
            caps.putObject("completions");
        }
        caps.putObject("prompts").put("listChanged", true);
        caps.putObject("resources").put("subscribe", true).put("listChanged", true);
        caps.putObject("tools").put("listChanged", true);
        if (v.modern()) {
            caps.putObject("extensions").putObject(TASKS_EXTENSION);
        }
        if (v.coreTasks()) {
            ObjectNode tasks = caps.putObject("tasks");
            tasks.putObject("list");
            tasks.putObject("cancel");
            tasks.putObject("requests").putObject("tools").putObject("call");
        }
        return caps;
    }
}
