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
        if (e instanceof StreamConstraintsException) {
            return "the message exceeds a limit (nesting depth " + Json.MAX_NESTING_DEPTH + ", numbers of "
                    + Json.MAX_NUMBER_LENGTH + " digits, " + Json.MAX_TOKENS + " tokens)";
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
            if (message != null && message.startsWith("Duplicate field")) {
                return "duplicate key in an object";
            }
            JsonLocation at = j.getLocation();
            return at == null || at.getColumnNr() < 0 ? "invalid JSON" : "invalid JSON at column " + at.getColumnNr();
        }
        return "invalid JSON";
    }
}
