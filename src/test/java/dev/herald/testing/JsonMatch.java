package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * Compares an expected JSON value with an actual one: objects must have exactly the same keys
 * (so a field that must be absent is checked too), numbers keep their integer-or-not type, and
 * the strings {@code "<any>"}, {@code "<string>"} and {@code "<number>"} match any such value.
 */
public final class JsonMatch {
    private JsonMatch() {
        throw new AssertionError();
    }

    public static boolean matches(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isTextual()) {
            return switch (expected.textValue()) {
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
                if (!matches(expected.get(name), actual.get(name))) {
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
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
