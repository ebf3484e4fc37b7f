package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile input lines from a seed: random bytes, truncated and corrupted JSON, invalid
 * UTF-8, NUL bytes, deep nesting, huge numbers, duplicate keys, id arrays, and valid requests of
 * every method with one field swapped for a value of the wrong type. Not thread-safe.
 */
public final class HostileInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** One valid message per method, the material for mutations. */
    private static final List<String> VALID = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"aGVyYWxkOjI\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"},\"_meta\":{\"progressToken\":5}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"long_running_operation\",\"arguments\":{\"steps\":3,\"step_ms\":0}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/templates/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{\"uri\":\"herald://status\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"herald://clock\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/unsubscribe\",\"params\":{\"uri\":\"herald://clock\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"prompts/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"prompts/get\",\"params\":{\"name\":\"summarize_notifications\",\"arguments\":{\"since\":\"5m\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"summarize_notifications\"},\"argument\":{\"name\":\"since\",\"value\":\"1\"},\"context\":{\"arguments\":{}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3,\"reason\":\"r\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":15,\"result\":{\"roots\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":16,\"error\":{\"code\":-1,\"message\":\"no\"}}");

    private final Random random;

    public HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** The next hostile line, without its newline (it may contain newlines of its own). */
    public byte[] next() {
        return switch (random.nextInt(12)) {
            case 11 -> otherEncoding();
            case 0 -> randomBytes();
            case 1 -> truncated();
            case 2 -> utf8(invalidUtf8());
            case 3 -> utf8(withNul());
            case 4 -> utf8(deep());
            case 5 -> utf8("{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(1 + random.nextInt(12_000)) + ",\"method\":\"ping\"}");
            case 6 -> utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\",\"method\":\"tools/list\"}");
            case 7 -> utf8(idArray());
            default -> utf8(wrongType());
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid message in UTF-16 or UTF-32, or one of the 4-byte prefixes that make Jackson guess them. */
    private byte[] otherEncoding() {
        String v = valid();
        return switch (random.nextInt(5)) {
            case 0 -> v.getBytes(StandardCharsets.UTF_16LE);
            case 1 -> v.getBytes(StandardCharsets.UTF_16);
            case 2 -> v.getBytes(java.nio.charset.Charset.forName("UTF-32"));
            case 3 -> new byte[] {0, '{', 0, 0};
            default -> new byte[] {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        };
    }

    private String valid() {
        return VALID.get(random.nextInt(VALID.size()));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] truncated() {
        byte[] full = utf8(valid());
        return java.util.Arrays.copyOf(full, random.nextInt(full.length));
    }

    private String invalidUtf8() {
        String v = valid();
        int at = random.nextInt(v.length());
        return v.substring(0, at) + new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1) + v.substring(at);
    }

    private String withNul() {
        String v = valid();
        int at = random.nextInt(v.length());
        return v.substring(0, at) + '\0' + v.substring(at);
    }

    private String deep() {
        int depth = 10 + random.nextInt(12_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":"
                + open.repeat(depth) + "1" + close.repeat(depth) + "}}}";
    }

    private String idArray() {
        StringBuilder s = new StringBuilder("[");
        int n = 1 + random.nextInt(5_000);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append(random.nextInt());
        }
        return s.append(']').toString();
    }

    /** A valid message with one field, at any depth, replaced by a value of another type. */
    private String wrongType() {
        try {
            JsonNode root = JSON.readTree(valid());
            List<ObjectNode> parents = new ArrayList<>();
            collect(root, parents);
            ObjectNode parent = parents.get(random.nextInt(parents.size()));
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                return root.toString();
            }
            String name = names.get(random.nextInt(names.size()));
            parent.set(name, wrongValue(parent.get(name)));
            return root.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                collect(it.next().getValue(), objects);
            }
        }
    }

    private JsonNode wrongValue(JsonNode old) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.nullNode(), NODES.numberNode(random.nextLong()), NODES.numberNode(-0.5),
                NODES.textNode("\u202e" + random.nextInt()), NODES.booleanNode(random.nextBoolean()), NODES.arrayNode().add(1),
                NODES.objectNode().put("x", 1)));
        options.removeIf(o -> o.getNodeType() == old.getNodeType());
        return options.get(random.nextInt(options.size()));
    }
}
