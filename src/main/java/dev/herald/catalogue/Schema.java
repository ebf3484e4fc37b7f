package dev.herald.catalogue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Json;

/** Builds the JSON Schema objects of tool inputs and outputs, so tool definitions read in a few lines. Not thread-safe; use and drop. */
final class Schema {
    private final ObjectNode root = Json.object();
    private final ObjectNode properties;
    private final ArrayNode required;

    private Schema(boolean closed) {
        root.put("type", "object");
        properties = root.putObject("properties");
        required = root.putArray("required");
        if (closed) {
            root.put("additionalProperties", false);
        }
    }

    /** An object schema that rejects unknown properties. */
    static Schema object() {
        return new Schema(true);
    }

    /** An object schema that allows any other properties (for outputs). */
    static Schema open() {
        return new Schema(false);
    }

    Schema string(String name, String description, boolean isRequired) {
        property(name, "string", description, isRequired);
        return this;
    }

    Schema string(String name, String description, int maxLength, boolean isRequired) {
        property(name, "string", description, isRequired).put("minLength", 1).put("maxLength", maxLength);
        return this;
    }

    Schema pattern(String name, String regex) {
        ((ObjectNode) properties.get(name)).put("pattern", regex);
        return this;
    }

    Schema choice(String name, String description, String defaultValue, String... values) {
        ObjectNode p = property(name, "string", description, false);
        ArrayNode options = p.putArray("enum");
        for (String v : values) {
            options.add(v);
        }
        p.put("default", defaultValue);
        return this;
    }

    Schema integer(String name, String description, long min, long max, Long defaultValue) {
        ObjectNode p = property(name, "integer", description, defaultValue == null).put("minimum", min).put("maximum", max);
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    Schema bool(String name, String description) {
        property(name, "boolean", description, true);
        return this;
    }

    /** An optional boolean without a default: absent means leave as is. */
    Schema option(String name, String description) {
        property(name, "boolean", description, false);
        return this;
    }

    /** An optional boolean with a default. */
    Schema flag(String name, String description, boolean defaultValue) {
        property(name, "boolean", description, false).put("default", defaultValue);
        return this;
    }

    Schema number(String name, String description) {
        property(name, "number", description, true);
        return this;
    }

    /** An optional array of strings. */
    Schema strings(String name, String description, int maxItems) {
        ObjectNode p = property(name, "array", description, false).put("maxItems", maxItems);
        p.putObject("items").put("type", "string").put("minLength", 1).put("maxLength", 64);
        return this;
    }

    /** A property of any type ({@code type} null), an object, or an array; always required. */
    Schema any(String name, String type, String description) {
        ObjectNode p = properties.putObject(name);
        if (type != null) {
            p.put("type", type);
        }
        p.put("description", description);
        required.add(name);
        return this;
    }

    private ObjectNode property(String name, String type, String description, boolean isRequired) {
        ObjectNode p = properties.putObject(name).put("type", type).put("description", description);
        if (isRequired) {
            required.add(name);
        }
        return p;
    }

    ObjectNode build() {
        if (required.isEmpty()) {
            root.remove("required");
        }
        return root;
    }
}
