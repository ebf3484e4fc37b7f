package dev.herald.feature;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.protocol.CallToolResult;

/**
 * Runs one tool call on the request's virtual thread. Arguments are already validated against the
 * tool's input schema, with defaults filled in. Throw {@link ToolException} for an expected
 * failure; an interrupt means the call was cancelled.
 */
@FunctionalInterface
public interface ToolHandler {
    CallToolResult call(RequestContext context, ObjectNode arguments) throws Exception;
}
