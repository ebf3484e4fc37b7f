package dev.herald.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks tool arguments against the subset of JSON Schema 2020-12 that tool input schemas use:
 * type, properties, required, additionalProperties, enum, const, minimum/maximum (and exclusive),
 * minLength/maxLength, pattern, items, minItems/maxItems. Unknown keywords are ignored.
 * Stateless and thread-safe.
 */
public final class SchemaValidator {
    private SchemaValidator() {
        throw new AssertionError();
    }

    /** Every violation, as short sentences naming the argument; empty when valid. */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "arguments", errors);
        return errors;
    }

    /**
     * {@code arguments} with each absent top-level property that has a {@code default} filled in:
     * a copy if anything was missing, else the arguments themselves.
     */
    public static ObjectNode withDefaults(JsonNode schema, ObjectNode arguments) {
        ObjectNode filled = arguments;
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode def = p.getValue().get("default");
            if (def != null && !arguments.has(p.getKey())) {
                if (filled == arguments) {
                    filled = arguments.deepCopy();
                }
                filled.set(p.getKey(), def.deepCopy());
            }
        }
        return filled;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            errors.add(path + " must be " + (type.isArray() ? "one of " + type : "a" + article(type.asText()) + " " + type.asText()));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            errors.add(path + " must be one of " + allowed);
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !numericEquals(constant, value)) {
            errors.add(path + " must be " + constant);
        }
        if (value.isNumber()) {
            checkNumber(schema, value.doubleValue(), path, errors);
        } else if (value.isTextual()) {
            checkString(schema, value.textValue(), path, errors);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors);
        } else if (value.isObject()) {
            checkObject(schema, value, path, errors);
        }
    }

    private static String article(String type) {
        return type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "n" : "";
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()) && Double.isFinite(value.doubleValue()));
            default -> true;
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (numericEquals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean numericEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void checkNumber(JsonNode schema, double n, String path, List<String> errors) {
        if (schema.has("minimum") && n < schema.get("minimum").doubleValue()) {
            errors.add(path + " must be at least " + schema.get("minimum"));
        }
        if (schema.has("maximum") && n > schema.get("maximum").doubleValue()) {
            errors.add(path + " must be at most " + schema.get("maximum"));
        }
        if (schema.has("exclusiveMinimum") && n <= schema.get("exclusiveMinimum").doubleValue()) {
            errors.add(path + " must be greater than " + schema.get("exclusiveMinimum"));
        }
        if (schema.has("exclusiveMaximum") && n >= schema.get("exclusiveMaximum").doubleValue()) {
            errors.add(path + " must be less than " + schema.get("exclusiveMaximum"));
        }
    }

    private static void checkString(JsonNode schema, String s, String path, List<String> errors) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").intValue()) {
            errors.add(path + " must be at least " + schema.get("minLength") + " characters long");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
            errors.add(path + " must be at most " + schema.get("maxLength") + " characters long");
        }
        if (schema.has("pattern")) {
            try {
                if (!Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                    errors.add(path + " must match the pattern " + schema.get("pattern").asText());
                }
            } catch (PatternSyntaxException e) {
                errors.add(path + " has a schema pattern that cannot be used");
            }
        }
    }

    private static void checkArray(JsonNode schema, JsonNode array, String path, List<String> errors) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").intValue()) {
            errors.add(path + " must have at least " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").intValue()) {
            errors.add(path + " must have at most " + schema.get("maxItems") + " items");
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < array.size(); i++) {
                check(items, array.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode object, String path, List<String> errors) {
        String prefix = path.equals("arguments") ? "" : path + ".";
        for (JsonNode required : schema.path("required")) {
            if (!object.has(required.asText())) {
                errors.add(prefix + required.asText() + " is required");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode propertySchema = properties.get(field.getKey());
            if (propertySchema != null) {
                check(propertySchema, field.getValue(), prefix + field.getKey(), errors);
            } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                errors.add(prefix + field.getKey() + " is not an accepted argument");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), prefix + field.getKey(), errors);
            }
        }
    }
}
