package dev.herald.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Finds lone surrogates in a message that parsed: Jackson accepts a {@code "\ud800"} escape without
 * its pair and hands Herald a string that is not Unicode, which Herald would carry into tool
 * arguments, URIs and its own output. The decision (issue 14): a lone surrogate, escaped or as raw
 * bytes, breaks {@link InputRule#LONE_SURROGATE}, so a request holding one is refused with its id
 * ({@code -32600}, or {@code -32602} inside params) instead of being served. Stateless; any thread.
 */
public final class Surrogates {
    private Surrogates() {
        throw new AssertionError();
    }

    /**
     * A cheap test on the raw line, true if it may hold a {@code \\uD800}-{@code \\uDFFF} escape:
     * only then is the tree searched. (Raw surrogate bytes never parse: Jackson calls them invalid UTF-8.)
     */
    static boolean mayHoldEscape(byte[] b, int off, int len) {
        for (int i = off, last = off + len - 3; i < last; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && (b[i + 2] | 0x20) == 'd') {
                int c = b[i + 3] | 0x20;
                if (c == '8' || c == '9' || c >= 'a' && c <= 'f') {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if any key or string value in the tree holds a lone surrogate; null holds none. */
    static boolean in(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return lone(node.textValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (lone(member.getKey()) || in(member.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (in(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if {@code s} holds a UTF-16 surrogate without its partner: not valid Unicode. */
    public static boolean lone(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
