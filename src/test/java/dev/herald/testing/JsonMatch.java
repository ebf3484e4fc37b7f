package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares an expected JSON value with an actual one: objects must have exactly the same keys
 * (so a field that must be absent is checked too), numbers keep their integer-or-not type, and
 * the strings {@code "<any>"}, {@code "<string>"} and {@code "<number>"} match any such value.
 * {@code "<$name>"} matches a string: the first match binds {@code name} to it (a server-made id,
 * say), and later ones must equal it.
 */
public final class JsonMatch {
    private JsonMatch() {
        throw new AssertionError();
    }

    public static boolean matches(JsonNode expected, JsonNode actual) {
        return matches(expected, actual, new HashMap<>());
    }

    /** As {@link #matches(JsonNode, JsonNode)}, reading and binding {@code "<$name>"} variables in {@code vars}. */
    public static boolean matches(JsonNode expected, JsonNode actual, Map<String, String> vars) {
        if (actual == null) {
            return false;
        }
        if (expected.isTextual()) {
            String text = expected.textValue();
            if (text.startsWith("<$") && text.endsWith(">")) {
                String name = text.substring(2, text.length() - 1);
                if (!actual.isTextual()) {
                    return false;
                }
                String bound = vars.putIfAbsent(name, actual.textValue());
                return bound == null || bound.equals(actual.textValue());
            }
            return switch (text) {
                case "<any>" -> true;
                case "<string>" -> actual.isTextual();
                case "<number>" -> actual.isNumber();
                default -> expected.equals(actual);
            };
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.isIntegralNumber() == actual.isIntegralNumber()
                    && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!matches(expected.get(name), actual.get(name), vars)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i), vars)) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
