package dev.herald.jsonrpc;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Herald's rules for well-formed JSON that it still refuses: each bounds what one line can cost or
 * removes an ambiguity. A request that breaks one is answered with its id when the id can be read
 * (issue 14). Constants; safe on any thread.
 */
enum InputRule {
    DUPLICATE_KEY("duplicate key in an object"),
    NUMBER_LENGTH("a number longer than " + Json.MAX_NUMBER_LENGTH + " digits"),
    LONE_SURROGATE("a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)"),
    NESTING_DEPTH("nesting deeper than " + Json.MAX_NESTING_DEPTH + " levels"),
    TOKEN_COUNT("more than " + Json.MAX_TOKENS + " tokens"),
    KEY_LENGTH("a key longer than " + InputRule.MAX_KEY_LENGTH + " characters"),
    /** Any other limit of the parser (a string longer than the line limit cannot happen on the wire). */
    LIMIT("the message exceeds a limit of the parser");

    /** Longest key the parser accepts: Jackson's default, which {@link Json#mapper} keeps. */
    static final int MAX_KEY_LENGTH = StreamReadConstraints.DEFAULT_MAX_NAME_LEN;

    private final String text;

    InputRule(String text) {
        this.text = text;
    }

    /** The rule in a few words, for an error message. */
    String text() {
        return text;
    }
}
