package dev.herald.jsonrpc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;

/** Turns a parser failure into a short, fixed sentence: where the JSON broke, never the library's internals. Stateless. */
final class ParseErrors {
    private ParseErrors() {
        throw new AssertionError();
    }

    static String describe(Exception e) {
        InputRule rule = rule(e);
        if (rule != null) {
            return rule.text();
        }
        if (e instanceof CharConversionException) {
            return "messages must be UTF-8 JSON";
        }
        if (e instanceof JsonProcessingException j) {
            String message = j.getOriginalMessage();
            if (message != null && message.contains("Invalid UTF-8")) {
                return "invalid UTF-8";
            }
            if (message != null && message.startsWith("Trailing token")) {
                return "more than one JSON value on the line";
            }
            JsonLocation at = j.getLocation();
            return at == null || at.getColumnNr() < 0 ? "invalid JSON" : "invalid JSON at column " + at.getColumnNr();
        }
        return "invalid JSON";
    }

    /** The input rule the strict parser enforced when it failed, or null for a syntax error. */
    static InputRule rule(Exception e) {
        if (e instanceof StreamConstraintsException c) {
            String message = c.getOriginalMessage();
            message = message == null ? "" : message;
            if (message.startsWith("Document nesting depth")) {
                return InputRule.NESTING_DEPTH;
            } else if (message.startsWith("Number value length")) {
                return InputRule.NUMBER_LENGTH;
            } else if (message.startsWith("Token count")) {
                return InputRule.TOKEN_COUNT;
            } else if (message.startsWith("Name length")) {
                return InputRule.KEY_LENGTH;
            }
            return InputRule.LIMIT;
        }
        if (e instanceof JsonProcessingException j && j.getOriginalMessage() != null && j.getOriginalMessage().startsWith("Duplicate field")) {
            return InputRule.DUPLICATE_KEY;
        }
        return null;
    }

    /** Where in the line (bytes from its start) the parser stopped, or -1 if it did not say. */
    static int offset(Exception e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            long at = j.getLocation().getByteOffset();
            return at < 0 || at > Integer.MAX_VALUE ? -1 : (int) at;
        }
        return -1;
    }
}
