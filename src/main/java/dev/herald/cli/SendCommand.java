package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.InvalidEventException;
import dev.herald.event.Priority;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code herald send [--topic T] [--priority P] [--title T] [--to INBOX]... [--data JSON] [--dedup KEY]
 * [--wait SECONDS] [MESSAGE...]}: publishes one event (the message from the words, or standard input),
 * prints its id once it is durable; with {@code --wait}, also where it went (exit 3 if nowhere in time).
 */
final class SendCommand {
    private static final Set<String> VALUED = Set.of("--topic", "--priority", "--title", "--to", "--data", "--dedup", "--wait");

    private SendCommand() {
        throw new AssertionError();
    }

    static Exit run(String[] argv, InputStream stdin, PrintStream out, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, VALUED, Set.of());
        Draft draft = draft(args, stdin);
        long wait = args.number("--wait", 0, 0, 3600);
        ObjectNode p = Json.object();
        p.set("event", wire(draft));
        p.put("nonce", UUID.randomUUID().toString()); // the same on a resend, so a lost acknowledgement never stores it twice
        try (HubSession hub = HubSession.open(env, e -> { })) {
            JsonNode stored = hub.request(HubMethods.PUBLISH, p);
            String id = stored.path("id").asText();
            out.println(id);
            if (wait == 0) {
                return Exit.OK;
            }
            JsonNode where = hub.request(HubMethods.AWAIT_DELIVERY, Map.of("id", id, "timeoutMs", wait * 1000),
                    Duration.ofSeconds(wait + 10)).path("deliveredTo");
            if (where.isEmpty()) {
                throw new CliException(Exit.TIMEOUT, "no session received event " + id + " within " + wait + " s; it waits in the journal");
            }
            for (JsonNode d : where) {
                out.println("delivered to session " + d.path("session").asText() + " (inbox " + d.path("inbox").asText() + ")");
            }
            return Exit.OK;
        }
    }

    static Draft draft(Args args, InputStream stdin) throws CliException {
        String body = args.words.isEmpty() ? readAll(stdin) : String.join(" ", args.words);
        String priorityText = args.one("--priority");
        Priority priority = priorityText == null ? null : Priority.parse(priorityText);
        if (priorityText != null && priority == null) {
            throw CliException.usage("unknown priority " + priorityText + " (low, normal, high or urgent)");
        }
        ObjectNode data = null;
        if (args.one("--data") != null) {
            try {
                JsonNode parsed = Json.shared().readTree(args.one("--data"));
                if (!(parsed instanceof ObjectNode o)) {
                    throw CliException.usage("--data must be a JSON object");
                }
                data = o;
            } catch (IOException e) {
                throw CliException.usage("--data is not valid JSON");
            }
        }
        try {
            return Draft.of(args.one("--topic"), priority, args.one("--title"), body, data, args.all("--to"), args.one("--dedup"));
        } catch (InvalidEventException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static String readAll(InputStream stdin) throws CliException {
        try {
            byte[] bytes = stdin.readNBytes(Draft.MAX_BODY_BYTES + 1);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot read standard input: " + e.getMessage());
        }
    }

    static ObjectNode wire(Draft d) {
        ObjectNode e = Json.object();
        e.put("topic", d.topic());
        e.put("priority", d.priority().wire());
        if (d.title() != null) {
            e.put("title", d.title());
        }
        e.put("body", d.body());
        if (d.data() != null) {
            e.set("data", d.data());
        }
        if (!d.to().isEmpty()) {
            d.to().forEach(e.withArray("to")::add);
        }
        if (d.dedupKey() != null) {
            e.put("dedupKey", d.dedupKey());
        }
        return e;
    }
}
