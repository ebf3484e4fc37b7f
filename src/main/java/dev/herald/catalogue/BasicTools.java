package dev.herald.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Priority;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.util.LinkedHashMap;
import java.util.Map;

/** echo, send_notification and long_running_operation: the round trip, a log message, progress. Handlers run on request threads. */
final class BasicTools {
    static final long MAX_STEPS = 1_000_000;
    static final long MAX_STEP_MS = 60_000;
    static final long MAX_TOTAL_MS = 10 * 60_000;

    private BasicTools() {
        throw new AssertionError();
    }

    static void install(Server server, EventTools events) {
        var tools = server.tools().registry();
        tools.put("echo", new ToolEntry(new Tool("echo", "Echo",
                "Returns the message unchanged. The simplest round trip, for testing a host's connection.",
                Schema.object().string("message", "Text to send back", true).build(), null,
                ToolAnnotations.readOnly("Echo")), (ctx, args) -> CallToolResult.text(args.get("message").textValue()), true));
        server.tools().runsInline("echo");

        tools.put("send_notification", new ToolEntry(new Tool("send_notification", "Send a log notification",
                "Sends a notifications/message log message to the client now. Priority low, normal, high or urgent maps to "
                        + "log level debug, info, warning or critical. The result says whether the client's log level filtered it out. "
                        + "With broadcast (every Herald session on this machine) or to (inbox names), publishes a durable hub event instead.",
                Schema.object()
                        .string("message", "The text of the log message", 10_000, true)
                        .choice("priority", "How urgent the message is", "normal", "low", "normal", "high", "urgent")
                        .string("logger", "Optional logger name shown with the message", 128, false)
                        .flag("broadcast", "Publish to every session and inbox on this machine", false)
                        .strings("to", "Publish to these inboxes", 32)
                        .string("topic", "The event's topic when publishing (default general)", 64, false)
                        .build(),
                Schema.open().bool("sent", "Whether the message was sent")
                        .string("level", "The log level used", true)
                        .string("clientLevel", "The client's minimum log level", true)
                        .build(),
                ToolAnnotations.additive("Send a log notification")), (ctx, args) -> args.get("broadcast").booleanValue()
                        || !args.path("to").isEmpty() ? events.publish(ctx, args, Priority.parse(args.get("priority").textValue()))
                        : sendNotification(ctx, args), true));

        tools.put("long_running_operation", new ToolEntry(new Tool("long_running_operation", "Long-running operation",
                "Works for steps x step_ms milliseconds and sends one notifications/progress per step (\"step 3 of 5\") "
                        + "against the caller's progress token. Stops within a step when cancelled. step_ms 0 sends progress "
                        + "as fast as the client reads it.",
                Schema.object()
                        .integer("steps", "Number of steps (1 to 1,000,000)", 1, MAX_STEPS, 5L)
                        .integer("step_ms", "Milliseconds per step (0 to 60,000); total at most 10 minutes", 0, MAX_STEP_MS, 500L)
                        .build(),
                null, ToolAnnotations.readOnly("Long-running operation")).withTaskSupport(Tool.TaskSupport.OPTIONAL),
                BasicTools::longRunning, true));
    }

    /** Maps a priority to its log level. */
    static LogLevel level(String priority) {
        return switch (priority) {
            case "low" -> LogLevel.DEBUG;
            case "high" -> LogLevel.WARNING;
            case "urgent" -> LogLevel.CRITICAL;
            default -> LogLevel.INFO;
        };
    }

    private static CallToolResult sendNotification(RequestContext ctx, ObjectNode args) {
        LogLevel level = level(args.get("priority").textValue());
        String logger = args.hasNonNull("logger") ? args.get("logger").textValue() : "herald";
        boolean sent = ctx.log(level, logger, args.get("message").textValue());
        LogLevel clientLevel = ctx.logLevel();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("sent", sent);
        structured.put("level", level.wire());
        structured.put("clientLevel", clientLevel == null ? "none" : clientLevel.wire());
        String text;
        if (sent) {
            text = "Sent a log message at level " + level.wire() + " from logger " + logger + ".";
        } else if (clientLevel == null) {
            text = "Not sent: this request asked for no log messages. Set io.modelcontextprotocol/logLevel in its _meta to receive them.";
        } else {
            text = "Not sent: the client's log level is " + clientLevel.wire() + ", above " + level.wire()
                    + ". Lower it with logging/setLevel to see this message.";
        }
        return CallToolResult.structured(text, structured);
    }

    private static CallToolResult longRunning(RequestContext ctx, ObjectNode args) throws Exception {
        long steps = args.get("steps").longValue();
        long stepMs = args.get("step_ms").longValue();
        if (steps * stepMs > MAX_TOTAL_MS) {
            throw new ToolException("steps x step_ms is " + steps * stepMs + " ms; the limit is " + MAX_TOTAL_MS + " ms (10 minutes).");
        }
        long start = System.nanoTime();
        for (long step = 1; step <= steps; step++) {
            if (stepMs > 0) {
                Thread.sleep(stepMs);
            } else if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ctx.progress(step, (double) steps, "step " + step + " of " + steps);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return CallToolResult.text("Completed " + steps + (steps == 1 ? " step" : " steps") + " in " + ms + " ms"
                + (ctx.hasProgressToken() ? ", with a progress notification per step." : " (no progress token, so no progress was sent)."));
    }
}
