package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generates from a seed request lines that are well-formed JSON but break one of Herald's input
 * rules (a duplicate key, an over-long number, a lone surrogate as an escape or as raw bytes,
 * nesting too deep, too many tokens, an over-long key), each with a readable id, and says what the
 * answer must be. Not thread-safe.
 */
public final class RuleBreakers {
    /** One generated line and the error its answer must carry, with the request's own id. */
    public record Case(String rule, byte[] line, String idJson, int code, String message) {}

    private static final String[] RULES = {"duplicate", "number", "surrogate-escape", "surrogate-raw", "depth", "key", "tokens"};

    private final Random random;

    public RuleBreakers(long seed) {
        this.random = new Random(seed);
    }

    /** The next case; {@code tokens} cases (lines of about a megabyte) come only when {@code big} is true. */
    public Case next(boolean big) {
        String rule = RULES[random.nextInt(big ? RULES.length : RULES.length - 1)];
        String id = random.nextBoolean() ? Long.toString(random.nextLong()) : "\"r-" + Integer.toHexString(random.nextInt()) + "\"";
        boolean inParams = random.nextBoolean();
        int depth = 65 + random.nextInt(5_000);
        String bad = switch (rule) {
            case "duplicate" -> "{\"a\":1,\"b\":[true],\"a\":null}";
            case "number" -> (random.nextBoolean() ? "-" : "") + "7".repeat(101 + random.nextInt(400)) + (random.nextBoolean() ? ".5e-3" : "");
            case "surrogate-escape" -> "\"x" + (random.nextBoolean() ? "\\uD83D" : "\\udc00") + (random.nextBoolean() ? "y" : "\\u0041") + "\"";
            case "surrogate-raw" -> "\"x\u0000y\""; // the NUL is replaced below by the three bytes of a surrogate
            case "depth" -> "[".repeat(depth) + "0" + "]".repeat(depth);
            case "key" -> "{\"" + "k".repeat(50_001 + random.nextInt(100)) + "\":1}";
            default -> "[" + "0,".repeat(500_001) + "0]";
        };
        String member = "\"v\":" + bad;
        String params = inParams
                ? "{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}," + member + "}"
                : "{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}}";
        String top = inParams ? "" : "," + member;
        // The id goes first, last or in the middle: the scan must find it wherever it is.
        String text = switch (random.nextInt(3)) {
            case 0 -> "{\"id\":" + id + ",\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":" + params + top + "}";
            case 1 -> "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\"" + top + ",\"params\":" + params + ",\"id\":" + id + "}";
            default -> "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"id\":" + id + top + ",\"params\":" + params + "}";
        };
        String ruleText = switch (rule) {
            case "duplicate" -> "duplicate key in an object";
            case "number" -> "a number longer than 100 digits";
            case "surrogate-escape", "surrogate-raw" -> "a string holds a lone surrogate";
            case "depth" -> "nesting deeper than 64 levels";
            case "key" -> "a key longer than 50000 characters";
            default -> "more than 500000 tokens";
        };
        return new Case(rule, rule.equals("surrogate-raw") ? rawSurrogate(text) : utf8(text), id, inParams ? -32602 : -32600,
                (inParams ? "Invalid params: " : "Invalid request: ") + ruleText);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The line with its NUL replaced by U+D800..U+DFFF encoded in three bytes (as WTF-8 writes one). */
    private byte[] rawSurrogate(String text) {
        byte[] bytes = utf8(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == 0) {
                int cp = 0xD800 + random.nextInt(0x800);
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | (cp >> 6 & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
