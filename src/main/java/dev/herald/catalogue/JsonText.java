package dev.herald.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.jsonrpc.Json;

/** Renders catalogue values as compact JSON text for resources and text blocks. Thread-safe. */
final class JsonText {
    private static final ObjectMapper MAPPER = Json.mapper(Integer.MAX_VALUE);

    private JsonText() {
        throw new AssertionError();
    }

    static String of(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
