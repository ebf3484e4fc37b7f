package dev.herald.jsonrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one input line into a {@link Decoded} in a single pass over a JSON tree (a line the
 * strict parse refuses gets a second, tolerant look for its id: {@link Refusals}), and encodes
 * messages as compact UTF-8 JSON without a trailing newline. Stateless and thread-safe.
 * Knows JSON-RPC 2.0 as MCP restricts it (mcp-spec-notes §3) and nothing of MCP methods.
 */
public final class Codec {
    private final ObjectMapper mapper;

    public Codec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Most elements in one batch; a longer one is refused whole, before anything in it runs. */
    public static final int MAX_BATCH = 1000;

    /** Decodes bytes {@code [off, off+len)} holding one line of input. Never throws. */
    public Decoded decode(byte[] buf, int off, int len) {
        if (!looksLikeUtf8(buf, off, len)) {
            return invalid(null, ErrorCode.PARSE_ERROR, "Parse error: messages must be UTF-8 JSON");
        }
        JsonNode node;
        try {
            node = mapper.readTree(buf, off, len);
        } catch (IOException | RuntimeException e) {
            return Refusals.refused(mapper, buf, off, len, e);
        }
        if (node == null || node.isMissingNode()) {
            return invalid(null, ErrorCode.PARSE_ERROR, "Parse error: empty message");
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: empty batch");
            }
            if (node.size() > MAX_BATCH) {
                return invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: a batch may hold at most " + MAX_BATCH + " messages");
            }
            boolean surrogates = Surrogates.mayHoldEscape(buf, off, len);
            List<Decoded.Element> elements = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                elements.add(decodeMessage(element, surrogates));
            }
            return new Decoded.Batch(List.copyOf(elements));
        }
        return decodeMessage(node, Surrogates.mayHoldEscape(buf, off, len));
    }

    /**
     * False for input that cannot be UTF-8 JSON: a NUL byte among the first four (how UTF-16 and
     * UTF-32 begin; JSON text never holds a raw NUL) or a UTF-16/32 byte-order mark. Jackson would
     * otherwise guess another encoding from those bytes.
     */
    static boolean looksLikeUtf8(byte[] buf, int off, int len) {
        if (len > 0 && (buf[off] == (byte) 0xFE || buf[off] == (byte) 0xFF)) {
            return false;
        }
        for (int i = off; i < off + Math.min(len, 4); i++) {
            if (buf[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes one message object (a line, or one element of a batch); {@code surrogates} says the
     * line may hold a lone surrogate escape, which Jackson accepts and Herald does not: such a
     * message is refused (a request with its id) as {@link Refusals} refuses any rule breaker.
     */
    Decoded.Element decodeMessage(JsonNode node, boolean surrogates) {
        if (!node.isObject()) {
            return invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: a message must be a JSON object");
        }
        boolean hasId = node.has("id");
        Id id = Id.from(node.get("id"));
        if (surrogates && Surrogates.in(node)) {
            return Refusals.breaks(InputRule.LONE_SURROGATE, Surrogates.in(node.get("params")), node.has("method"),
                    node.has("result") || node.has("error"), hasId ? 1 : 0, id);
        }
        boolean versionOk = "2.0".equals(node.path("jsonrpc").textValue());
        JsonNode method = node.get("method");
        if (method != null) {
            return decodeCall(node, hasId, id, versionOk, method);
        }
        boolean hasResult = node.has("result");
        boolean hasError = node.has("error");
        if (hasResult || hasError) {
            return decodeResponse(node, id, versionOk, hasResult, hasError);
        }
        // No method: response-shaped, so its id is in the client's own id space; answer without it.
        return invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: no method, result or error");
    }

    private static Decoded.Element decodeCall(JsonNode node, boolean hasId, Id id, boolean versionOk, JsonNode method) {
        boolean notification = !hasId;
        String problem = null;
        if (hasId && id == null) {
            // A null, fractional or structured id cannot be echoed: answer without one.
            return invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: id must be a string or an integer");
        } else if (!versionOk) {
            problem = "jsonrpc must be \"2.0\"";
        } else if (!method.isTextual()) {
            problem = "method must be a string";
        }
        JsonNode params = node.get("params");
        if (problem == null && params != null && !params.isNull() && !params.isObject()) {
            problem = "params must be an object";
        }
        if (problem != null) {
            return notification ? silent(problem) : invalid(id, ErrorCode.INVALID_REQUEST, "Invalid request: " + problem);
        }
        ObjectNode objectParams = params instanceof ObjectNode o ? o : null;
        Message message = notification
                ? new Message.Notification(method.textValue(), objectParams)
                : new Message.Request(id, method.textValue(), objectParams);
        return new Decoded.Valid(message);
    }

    private static Decoded.Element decodeResponse(JsonNode node, Id id, boolean versionOk, boolean hasResult, boolean hasError) {
        // Never answer a response, however malformed: at worst it is ignored.
        if (!versionOk || hasResult == hasError || id == null) {
            return silent("malformed response");
        }
        if (hasResult) {
            return new Decoded.Valid(new Message.Success(id, node.get("result")));
        }
        JsonNode error = node.get("error");
        if (!error.isObject() || !error.path("code").isIntegralNumber()) {
            return silent("malformed error response");
        }
        ErrorObject object = new ErrorObject(error.get("code").intValue(), error.path("message").asText(""), error.get("data"));
        return new Decoded.Valid(new Message.Failure(id, object));
    }

    static Decoded.Invalid invalid(Id id, ErrorCode code, String message) {
        return new Decoded.Invalid(Message.Failure.of(id, code, message), message);
    }

    static Decoded.Invalid silent(String reason) {
        return new Decoded.Invalid(null, reason);
    }

    /** Encodes one message as compact JSON (no newline). */
    public byte[] encode(Message message) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256);
                JsonGenerator out = mapper.createGenerator(bytes)) {
            write(out, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes responses as one JSON array: the answer to a batch. */
    public byte[] encodeBatch(List<? extends Message> messages) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256 * messages.size());
                JsonGenerator out = mapper.createGenerator(bytes)) {
            out.writeStartArray();
            for (Message message : messages) {
                write(out, message);
            }
            out.writeEndArray();
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(JsonGenerator out, Message message) throws IOException {
        out.writeStartObject();
        out.writeStringField("jsonrpc", "2.0");
        switch (message) {
            case Message.Request r -> {
                out.writeFieldName("id");
                r.id().write(out);
                out.writeStringField("method", r.method());
                if (r.params() != null) {
                    out.writeFieldName("params");
                    mapper.writeValue(out, r.params());
                }
            }
            case Message.Notification n -> {
                out.writeStringField("method", n.method());
                if (n.params() != null) {
                    out.writeFieldName("params");
                    mapper.writeValue(out, n.params());
                }
            }
            case Message.Success s -> {
                out.writeFieldName("id");
                s.id().write(out);
                out.writeFieldName("result");
                mapper.writeValue(out, s.result());
            }
            case Message.Failure f -> {
                if (f.id() != null) {
                    out.writeFieldName("id");
                    f.id().write(out);
                }
                out.writeFieldName("error");
                mapper.writeValue(out, f.error());
            }
        }
        out.writeEndObject();
    }
}
