package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One launched stdio session, read as a client would: tool calls wait for their own answer while
 * the notifications that came first are kept for later {@link #next} calls, and every line read is
 * remembered ({@link #seen}) so a test can check what arrived in all. Used from one test thread.
 */
public final class StdioClient {
    private final ServerProcess process;
    private final List<JsonNode> kept = new ArrayList<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private int ids = 100;

    public StdioClient(ServerProcess process) {
        this.process = process;
    }

    public ServerProcess process() {
        return process;
    }

    /** Sends a tools/call without waiting; returns its request id. */
    public int send(String tool, ObjectNode arguments) throws IOException {
        ObjectNode params = HubFixture.JSON.createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        return request("tools/call", params);
    }

    /** Sends any request without waiting; returns its id. */
    public int request(String method, ObjectNode params) throws IOException {
        int id = ++ids;
        ObjectNode request = HubFixture.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        process.send(request.toString());
        return id;
    }

    /** Calls a tool and returns its result (the response's {@code result}). */
    public JsonNode call(String tool, ObjectNode arguments) throws IOException, InterruptedException {
        return response(send(tool, arguments)).path("result");
    }

    /** The response to request {@code id}. */
    public JsonNode response(int id) throws InterruptedException, IOException {
        return next(line -> line.path("id").asInt(-1) == id && !line.has("method"));
    }

    /** The first line not yet taken that {@code wanted} matches, waiting up to {@link HubFixture#WAIT}. */
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException, IOException {
        return next(wanted, HubFixture.WAIT);
    }

    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException, IOException {
        for (Iterator<JsonNode> it = kept.iterator(); it.hasNext(); ) {
            JsonNode line = it.next();
            if (wanted.test(line)) {
                it.remove();
                return line;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout.toMillis() + " ms; kept: " + kept);
            }
            JsonNode line = HubFixture.JSON.readTree(process.line(Duration.ofNanos(left)));
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
            kept.add(line);
        }
    }

    /** The next notification of {@code method}. */
    public JsonNode notification(String method) throws InterruptedException, IOException {
        return next(line -> method.equals(line.path("method").asText()));
    }

    /** Every line read so far, in order. */
    public List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    public static ObjectNode args(String... pairs) {
        ObjectNode node = HubFixture.JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }
}
