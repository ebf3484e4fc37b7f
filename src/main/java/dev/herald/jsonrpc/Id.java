package dev.herald.jsonrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A JSON-RPC request id: a string or an integer, never null (MCP forbids null ids).
 * Immutable; safe on any thread. An id goes back on the wire with the JSON type it came with.
 */
public sealed interface Id permits Id.Num, Id.Str {

    /** Writes this id as a JSON value. */
    void write(JsonGenerator out) throws IOException;

    /** The id as a plain value ({@code Long} or {@code String}) that serializes with its JSON type. */
    Object jsonValue();

    /** An integer id such as {@code 7}. */
    record Num(long value) implements Id {
        @Override
        public void write(JsonGenerator out) throws IOException {
            out.writeNumber(value);
        }

        @Override
        public Object jsonValue() {
            return value;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A string id such as {@code "7"}: not equal to {@code Num(7)}. */
    record Str(String value) implements Id {
        public Str {
            java.util.Objects.requireNonNull(value);
        }

        @Override
        public void write(JsonGenerator out) throws IOException {
            out.writeString(value);
        }

        @Override
        public Object jsonValue() {
            return value;
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** Reads an id from JSON, or returns null when the value is absent or not a string or 64-bit integer. */
    static Id from(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new Str(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new Num(node.longValue());
        }
        return null;
    }
}
