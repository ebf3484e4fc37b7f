package dev.herald.catalogue;

import dev.herald.feature.PromptEntry;
import dev.herald.jsonrpc.RpcException;
import dev.herald.notify.NotificationLog;
import dev.herald.protocol.Content;
import dev.herald.protocol.Prompt;
import dev.herald.protocol.PromptResult;
import dev.herald.protocol.ResourceContents;
import dev.herald.server.Server;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The built-in prompts notification_tour and summarize_notifications. Rendered on request threads. */
final class CataloguePrompts {
    static final List<String> SINCE_CHOICES = List.of("30s", "1m", "5m", "15m", "1h");

    private CataloguePrompts() {
        throw new AssertionError();
    }

    static void install(Server server) {
        var prompts = server.prompts().registry();
        Prompt tour = new Prompt("notification_tour", "Notification tour",
                "Guides the model through trying each kind of MCP notification with Herald's tools.", List.of());
        prompts.put(tour.name(), new PromptEntry(tour, args -> new PromptResult(tour.description(),
                List.of(new PromptResult.Message("user", Content.text(TOUR)))), Map.of(), true));

        Prompt summarize = new Prompt("summarize_notifications", "Summarize notifications",
                "Asks the model to summarise the notifications Herald sent recently.",
                List.of(new Prompt.Argument("since", "Since", "Only notifications from the last 30s, 5m, 1h... or since an ISO-8601 time",
                        false)));
        prompts.put(summarize.name(), new PromptEntry(summarize, args -> summarize(server, args.get("since")),
                Map.of("since", (prefix, context) -> SINCE_CHOICES.stream().filter(c -> c.startsWith(prefix)).toList()), true));
    }

    private static PromptResult summarize(Server server, String since) {
        Instant from = since == null ? Instant.MIN : parseSince(since, server.scheduler().now());
        List<NotificationLog.Entry> recent = server.notificationLog().recent().stream().filter(e -> !e.instant().isBefore(from)).toList();
        ResourceContents contents = ResourceContents.text(Status.RECENT, "application/json", JsonText.of(recent));
        String ask = "Summarise the MCP notifications below" + (since == null ? "" : " (those since " + since + ")")
                + ": which kinds were sent, how many of each, and anything unusual such as warnings or errors. Keep it short.";
        return new PromptResult("Summary of recent notifications", List.of(
                new PromptResult.Message("user", Content.text(ask)),
                new PromptResult.Message("user", new Content.Embedded(contents, null))));
    }

    /** "5m", "30s", "1h" before now, or an ISO-8601 instant; anything else is -32602. */
    static Instant parseSince(String since, Instant now) {
        try {
            if (since.matches("\\d{1,6}[smh]")) {
                long n = Long.parseLong(since.substring(0, since.length() - 1));
                Duration d = switch (since.charAt(since.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
                return now.minus(d);
            }
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw RpcException.invalidParams("since must be like 30s, 5m or 1h, or an ISO-8601 time such as 2026-01-01T00:00:00Z");
        }
    }

    private static final String TOUR = """
            Let's tour the kinds of notification an MCP server can send, using Herald's tools. After each step, \
            tell me what arrived.
            1. Call send_notification with a short message and priority "high": a log message (notifications/message).
            2. Call long_running_operation with steps 5 and step_ms 300: progress notifications, one per step.
            3. Call start_background_task with name "demo", ticks 3 and interval_ms 1000: a log message per tick, \
            and resource updates for herald://tasks/<id> if you subscribed to it.
            4. Call add_tool with a name, description and reply, then remove_tool: tools/list_changed twice.
            5. Call add_note, update_note and remove_note: resources/list_changed and resources/updated.
            6. Call get_server_status to see how many notifications of each kind were sent.""";
}
