package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.ErrorObject;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.Methods;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ServerCapabilities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stateless protocol (2026-07-28) at the edge of a session: it reads each request's
 * {@code _meta} into a {@link Caller}, refuses what the era lacks, and finishes every result the
 * way the era wants it. Holds no state; called on the reader thread (to admit a request) and on
 * calls' threads (to finish a result).
 */
final class Modern {
    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    /** How long a client may cache discovery: the server's versions and capabilities never change while it runs. */
    static final long DISCOVER_TTL_MS = 3_600_000;

    /** Every version Herald serves, newest first: the stateless one per request, the others through initialize. */
    static final List<String> SUPPORTED = supported();

    private static final Set<String> METHODS = Set.of(
            Methods.SERVER_DISCOVER, Methods.SUBSCRIPTIONS_LISTEN,
            Methods.TOOLS_LIST, Methods.TOOLS_CALL, Methods.PROMPTS_LIST, Methods.PROMPTS_GET,
            Methods.RESOURCES_LIST, Methods.RESOURCES_TEMPLATES_LIST, Methods.RESOURCES_READ,
            Methods.COMPLETION_COMPLETE, Methods.TASKS_GET, Methods.TASKS_UPDATE, Methods.TASKS_CANCEL);
    private static final Set<String> HANDSHAKE_ONLY = Set.of(Methods.INITIALIZE, Methods.PING);
    private static final Set<String> CACHEABLE = Set.of(
            Methods.SERVER_DISCOVER, Methods.TOOLS_LIST, Methods.PROMPTS_LIST,
            Methods.RESOURCES_LIST, Methods.RESOURCES_TEMPLATES_LIST, Methods.RESOURCES_READ);

    private Modern() {
        throw new AssertionError();
    }

    private static List<String> supported() {
        List<String> versions = new ArrayList<>();
        ProtocolVersion[] all = ProtocolVersion.values();
        for (int i = all.length - 1; i >= 0; i--) {
            versions.add(all[i].wire());
        }
        return List.copyOf(versions);
    }

    /**
     * True if a request speaks the stateless era: its {@code _meta} names a protocol version, or
     * it calls a method only that era has. Everything else takes the handshake path.
     */
    static boolean speaks(Message.Request request) {
        JsonNode meta = request.params() == null ? null : request.params().get("_meta");
        return (meta != null && (meta.has(PROTOCOL_VERSION) || meta.has(CLIENT_CAPABILITIES)))
                || request.method().equals(Methods.SERVER_DISCOVER) || request.method().equals(Methods.SUBSCRIPTIONS_LISTEN);
    }

    /**
     * The terms of a stateless request, from its {@code _meta} alone, checked in the order clients
     * expect: {@code -32602} when a required field is missing or mistyped, {@code -32022} for a
     * version Herald does not serve per request, then {@code -32601} for a method the era lacks.
     */
    static Caller caller(Message.Request request, Server server) {
        JsonNode meta = request.params() == null ? null : request.params().get("_meta");
        if (meta == null || !meta.isObject()) {
            throw RpcException.invalidParams("Missing required parameter: _meta (with " + PROTOCOL_VERSION + " and " + CLIENT_CAPABILITIES + ")");
        }
        JsonNode version = meta.get(PROTOCOL_VERSION);
        if (version == null || !version.isTextual()) {
            throw RpcException.invalidParams("Missing required parameter: _meta." + PROTOCOL_VERSION + " (a string)");
        }
        if (!version.textValue().equals(ProtocolVersion.MODERN.wire())) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("supported", List.of(ProtocolVersion.MODERN.wire()));
            data.put("requested", version.textValue());
            throw new RpcException(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data);
        }
        JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw RpcException.invalidParams("Missing required parameter: _meta." + CLIENT_CAPABILITIES + " (an object; {} for none)");
        }
        LogLevel level = null;
        JsonNode levelName = meta.get(LOG_LEVEL);
        if (levelName != null && !levelName.isNull()) {
            level = levelName.isTextual() ? LogLevel.parse(levelName.textValue()) : null;
            if (level == null) {
                throw RpcException.invalidParams("Unknown log level in _meta." + LOG_LEVEL + ": " + levelName);
            }
        }
        if (!METHODS.contains(request.method()) && server.extensionMethod(request.method()) == null) {
            throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + request.method()
                    + (HANDSHAKE_ONLY.contains(request.method()) || Dispatcher.handles(request.method()) ? " (not part of protocol 2026-07-28)" : ""));
        }
        JsonNode info = meta.path(CLIENT_INFO);
        Implementation client = info.isObject()
                ? new Implementation(info.path("name").asText("unknown"), info.path("title").textValue(), info.path("version").asText("unknown"), null)
                : null;
        return new Caller(ProtocolVersion.MODERN, capabilities, client, level);
    }

    /** {@code -32021}: serving the request needs client capabilities it did not declare (named in data). */
    static RpcException missingCapability(Map<String, Object> required) {
        return new RpcException(ErrorCode.MISSING_REQUIRED_CLIENT_CAPABILITY, "Missing required client capability",
                Map.of("requiredCapabilities", required));
    }

    /** {@code -32021} for a client that did not declare the tasks extension. */
    static RpcException tasksExtensionRequired() {
        return missingCapability(Map.of("extensions", Map.of(ServerCapabilities.TASKS_EXTENSION, Map.of())));
    }

    /** The methods whose results may be {@code input_required} (basic/patterns/mrtr.mdx). */
    private static final Set<String> MRTR = Set.of(Methods.TOOLS_CALL, Methods.PROMPTS_GET, Methods.RESOURCES_READ);

    /**
     * The input rounds of a stateless request: the answers a retry brings in {@code inputResponses},
     * once its {@code requestState}, if any, proves to be an intact one Herald issued for this very
     * request ({@code -32602} otherwise). Answers sent without a state are taken as they are: the
     * state binds nothing the client could not send again anyway.
     */
    static InputRounds rounds(Caller caller, Message.Request request, Server server) {
        ObjectNode params = request.params();
        JsonNode responses = params == null ? null : params.get("inputResponses");
        if (!MRTR.contains(request.method()) || responses == null || responses.isNull()) {
            responses = Json.object();
        } else if (!responses.isObject()) {
            throw RpcException.invalidParams("Parameter inputResponses must be an object");
        }
        JsonNode state = params == null ? null : params.get("requestState");
        if (MRTR.contains(request.method()) && state != null && !state.isNull()) {
            if (!state.isTextual()) {
                throw RpcException.invalidParams("Parameter requestState must be a string");
            }
            server.requestStates().verify(state.textValue(), request.method(), params);
        }
        return new InputRounds(caller, responses);
    }

    /** The {@code input_required} result for what the handler asked and the request did not bring. */
    static Map<String, Object> inputRequired(InputRounds rounds, Message.Request request, Server server) {
        if (!MRTR.contains(request.method())) {
            throw new RpcException(ErrorCode.INTERNAL_ERROR, "Internal error: " + request.method() + " cannot ask the client for input");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultType", "input_required");
        result.put("inputRequests", rounds.asked());
        result.put("requestState", server.requestStates().issue(request.method(), request.params()));
        return result;
    }

    /** {@code server/discover}: what a client needs before its first real request. */
    static Map<String, Object> discover(Server server) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", SUPPORTED);
        com.fasterxml.jackson.databind.node.ObjectNode capabilities = ServerCapabilities.forVersion(ProtocolVersion.MODERN);
        capabilities.withObject("extensions").setAll(server.extensionCapabilities());
        result.put("capabilities", capabilities);
        if (server.instructions() != null) {
            result.put("instructions", server.instructions());
        }
        return result;
    }

    /**
     * A result as this era sends it: {@code resultType} ({@code complete} unless the result names
     * another), the server's info in {@code _meta}, and for discovery, lists and reads the caching
     * hints: discovery may be kept an hour; lists and reads are stale at once, because the
     * catalogue changes at run time (a listen stream announces each change).
     */
    static ObjectNode finish(String method, Object result, Server server) {
        ObjectNode finished = Json.object();
        ObjectNode body = Json.shared().valueToTree(result);
        finished.put("resultType", body.path("resultType").asText("complete"));
        body.remove("resultType");
        finished.setAll(body);
        if (CACHEABLE.contains(method) && finished.path("resultType").asText().equals("complete")) {
            finished.put("ttlMs", method.equals(Methods.SERVER_DISCOVER) ? DISCOVER_TTL_MS : 0);
            finished.put("cacheScope", method.equals(Methods.RESOURCES_READ) ? "private" : "public");
        }
        finished.withObject("_meta").set(SERVER_INFO, Json.shared().valueToTree(server.info().forVersion(ProtocolVersion.MODERN)));
        return finished;
    }

    /** An error as this era sends it: a resource that does not exist is {@code -32602}, not the retired {@code -32002}. */
    static ErrorObject error(ErrorObject error) {
        return error.code() == ErrorCode.RESOURCE_NOT_FOUND.code()
                ? new ErrorObject(ErrorCode.INVALID_PARAMS.code(), error.message(), error.data())
                : error;
    }
}
