package dev.herald.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.Methods;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * generate_report: long work that 2025-11-25 clients must run as a task (taskSupport required).
 * It writes a report section by section with progress and, if asked to, first asks the user to
 * confirm, which puts the task in input_required. Runs on the task's (or, for older clients, the
 * request's) virtual thread.
 */
final class ReportTool {
    static final String[] SECTIONS = {"Summary", "Background", "Findings", "Risks", "Recommendations", "Next steps"};

    private final Duration timeout;

    private ReportTool(Duration timeout) {
        this.timeout = timeout;
    }

    static void install(Server server) {
        ReportTool tool = new ReportTool(server.options().clientTimeout());
        server.tools().registry().put("generate_report", new ToolEntry(new Tool("generate_report", "Generate a report",
                "Writes a report on a topic, one section every section_ms milliseconds, with a progress notification per "
                        + "section. Long work: clients on protocol 2025-11-25 must call it as a task and fetch the result with "
                        + "tasks/result. With confirm, it first asks the user to approve (elicitation). Tasks end when Herald exits.",
                Schema.object()
                        .string("topic", "What the report is about", 200, true)
                        .integer("sections", "Number of sections (1 to 6)", 1, SECTIONS.length, 4L)
                        .integer("section_ms", "Milliseconds to write each section (0 to 60,000)", 0, 60_000, 2_000L)
                        .flag("confirm", "Ask the user to approve before writing", false)
                        .build(),
                Schema.open().string("topic", "The topic", true).any("sections", "array", "The section titles").build(),
                ToolAnnotations.readOnly("Generate a report")).withTaskSupport(Tool.TaskSupport.REQUIRED), tool::generate, true));
    }

    private CallToolResult generate(RequestContext ctx, ObjectNode args) throws Exception {
        String topic = args.get("topic").textValue();
        int count = args.get("sections").intValue();
        long sectionMs = args.get("section_ms").longValue();
        if (args.get("confirm").booleanValue() && !confirmed(ctx, topic, count)) {
            return CallToolResult.error("The user did not approve the report on " + topic + "; nothing was written.");
        }
        List<String> written = new ArrayList<>();
        StringBuilder text = new StringBuilder("Report on ").append(topic).append('\n');
        for (int i = 0; i < count; i++) {
            Thread.sleep(sectionMs);
            String title = SECTIONS[i];
            written.add(title);
            text.append("\n").append(i + 1).append(". ").append(title).append(": (simulated) notes on ").append(topic).append('.');
            ctx.progress(i + 1, (double) count, "section " + (i + 1) + " of " + count + ": " + title);
            ctx.log(LogLevel.DEBUG, "report", "Wrote section " + (i + 1) + " of " + count + " (" + title + ")");
        }
        return CallToolResult.structured(text.toString(), Map.of("topic", topic, "sections", written));
    }

    /** Asks the user to approve: anything but an accepted yes is a no; failing to ask at all is an error result. */
    private boolean confirmed(RequestContext ctx, String topic, int count) throws Exception {
        ObjectNode approve = Json.object().put("type", "boolean").put("title", "Approve")
                .put("description", "Write the report").put("default", true);
        JsonNode answer = ClientTools.ask(ctx, Methods.ELICITATION_CREATE,
                ClientTools.form(ctx, "Write a " + count + "-section report on " + topic + "?", "approve", approve), timeout);
        return answer.path("action").asText().equals("accept") && answer.path("content").path("approve").asBoolean(false);
    }
}
