package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.Json;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code herald sessions [--json]} and {@code herald events [--since ID] [--topic T] [--json] [--follow]}:
 * what the hub knows, read-only. Plain output is one line per session or event.
 */
final class ReadCommands {
    private ReadCommands() {
        throw new AssertionError();
    }

    static Exit sessions(String[] argv, PrintStream out, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, Set.of(), Set.of("--json"));
        try (HubSession hub = HubSession.open(env, e -> { })) {
            JsonNode sessions = hub.request(HubMethods.SESSIONS, Map.of()).path("sessions");
            if (args.flag("--json")) {
                out.println(sessions);
                return Exit.OK;
            }
            if (sessions.isEmpty()) {
                out.println("No live sessions.");
            }
            for (JsonNode s : sessions) {
                out.printf("%s  inbox %s  client %s %s  route %s  since %s  delivered %d%s%n", s.path("id").asText(),
                        s.path("inbox").asText(), s.path("client").path("name").asText("?"), s.path("client").path("version").asText(""),
                        s.path("route").asText(), s.path("since").asText(), s.path("delivered").asLong(),
                        s.path("lagging").asBoolean() ? "  LAGGING" : "");
            }
            return Exit.OK;
        }
    }

    static Exit events(String[] argv, PrintStream out, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, Set.of("--since", "--topic"), Set.of("--json", "--follow"));
        String since = args.one("--since");
        if (since != null && EventId.parse(since) < 0) {
            throw CliException.usage("--since takes an event id (16 hex digits), not " + since);
        }
        boolean json = args.flag("--json");
        String topic = args.one("--topic");
        CountDownLatch never = new CountDownLatch(1);
        try (HubSession hub = HubSession.open(env, e -> print(out, e, json))) {
            String at = since;
            while (true) { // page through what is stored
                ObjectNode p = Json.object();
                p.put("since", at);
                p.put("topic", topic);
                p.put("limit", 1000);
                JsonNode page = hub.request(HubMethods.EVENTS, p);
                for (JsonNode e : page.path("events")) {
                    Event event = Event.fromJson(e);
                    print(out, event, json);
                    at = event.idText();
                }
                if (!page.path("hasMore").asBoolean()) {
                    if (at == null) {
                        at = page.path("head").asText();
                    }
                    break;
                }
            }
            if (!args.flag("--follow")) {
                return Exit.OK;
            }
            hub.client().follow(at, topic);
            never.await(); // until interrupted: SIGINT or SIGTERM exits
            return Exit.OK;
        } catch (InterruptedException e) {
            return Exit.OK;
        }
    }

    private static synchronized void print(PrintStream out, Event e, boolean json) {
        if (json) {
            out.println(e.toJson());
        } else {
            String text = (e.title() == null ? "" : e.title() + ": ") + e.body().replace('\n', ' ');
            out.printf("%s %s %-6s %s %s: %s%n", e.idText(), e.time(), e.priority(), e.topic(), e.sender(), text);
        }
        out.flush();
    }
}
