package dev.herald.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.jsonrpc.Json;

/** Renders catalogue values as compact JSON text for resources and text blocks. Thread-safe. */
final class JsonText {
    private JsonText() {
        throw new AssertionError();
    }

    static String of(Object value) {
        try {
            return Json.shared().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
