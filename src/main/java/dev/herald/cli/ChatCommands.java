package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code herald ask [--timeout S] [--to INBOX]... QUESTION}: publishes a question that can be
 * answered, prints the first reply (exit 0) or exits 3 at the timeout. {@code herald approve ID}
 * and {@code herald deny ID}: the user's verdict on a relayed Claude Code permission prompt.
 */
final class ChatCommands {
    private ChatCommands() {
        throw new AssertionError();
    }

    static Exit ask(String[] argv, InputStream stdin, PrintStream out, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, Set.of("--timeout", "--to", "--topic", "--priority", "--title"), Set.of());
        long timeout = args.number("--timeout", 300, 1, 86_400);
        Draft draft = SendCommand.draft(args, stdin);
        ObjectNode event = SendCommand.wire(draft);
        event.put("openChat", true);
        if (args.one("--topic") == null) {
            event.put("topic", "ask");
        }
        CompletableFuture<Event> reply = new CompletableFuture<>();
        String[] chat = {null};
        try (HubSession hub = HubSession.open(env, e -> {
            if (chat[0] != null && chat[0].equals(e.replyTo())) {
                reply.complete(e);
            }
        })) {
            JsonNode stored = hub.request(HubMethods.PUBLISH, Map.of("event", event, "nonce", UUID.randomUUID().toString()));
            chat[0] = stored.path("id").asText();
            hub.client().follow(chat[0], null); // every event after the question: a reply cannot come before it
            try {
                out.println(reply.get(timeout, TimeUnit.SECONDS).body());
                return Exit.OK;
            } catch (TimeoutException e) {
                throw new CliException(Exit.TIMEOUT, "no reply to " + chat[0] + " within " + timeout + " s");
            } catch (ExecutionException | InterruptedException e) {
                throw new CliException(Exit.FAILED, "interrupted while waiting for a reply");
            }
        }
    }

    static Exit verdict(String[] argv, PrintStream out, Map<String, String> env, String behavior) throws CliException {
        Args args = Args.parse(argv, 1, Set.of(), Set.of());
        if (args.words.size() != 1) {
            throw CliException.usage("takes one request id (five letters, as shown in the permission event)");
        }
        ObjectNode p = Json.object().put("request_id", args.words.get(0)).put("behavior", behavior);
        try (HubSession hub = HubSession.open(env, e -> { })) {
            JsonNode sent = hub.request(HubMethods.VERDICT, p);
            out.println((behavior.equals("allow") ? "Allowed " : "Denied ") + args.words.get(0) + " for session "
                    + sent.path("session").asText() + " (inbox " + sent.path("inbox").asText() + ")");
            return Exit.OK;
        }
    }
}
