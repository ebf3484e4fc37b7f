package dev.herald.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.Completions;
import dev.herald.feature.Page;
import dev.herald.feature.ExtensionMethod;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.Methods;
import dev.herald.protocol.CreateTaskResult;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ServerCapabilities;
import dev.herald.protocol.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The method table for requests that run as calls: one switch from method name to feature.
 * Runs on each call's virtual thread; holds no state of its own. Lifecycle gating happens in
 * {@link Session} before a call exists.
 */
final class Dispatcher {
    private static final Set<String> METHODS = Set.of(
            Methods.TOOLS_LIST, Methods.TOOLS_CALL,
            Methods.RESOURCES_LIST, Methods.RESOURCES_TEMPLATES_LIST, Methods.RESOURCES_READ,
            Methods.RESOURCES_SUBSCRIBE, Methods.RESOURCES_UNSUBSCRIBE,
            Methods.PROMPTS_LIST, Methods.PROMPTS_GET,
            Methods.COMPLETION_COMPLETE, Methods.LOGGING_SET_LEVEL,
            Methods.TASKS_GET, Methods.TASKS_RESULT, Methods.TASKS_LIST, Methods.TASKS_CANCEL);

    private final Server server;
    private final Session session;

    Dispatcher(Server server, Session session) {
        this.server = server;
        this.session = session;
    }

    /** True for the methods this table serves. */
    static boolean handles(String method) {
        return METHODS.contains(method);
    }

    Object dispatch(Call call, String method, ObjectNode params) throws InterruptedException {
        ProtocolVersion v = call.version();
        int pageSize = server.options().pageSize();
        return switch (method) {
            case Methods.TOOLS_LIST -> page("tools", server.tools().list(cursor(params), pageSize, v));
            case Methods.TOOLS_CALL -> callTool(call, params);
            case Methods.RESOURCES_LIST -> page("resources", server.resources().list(cursor(params), pageSize, v));
            case Methods.RESOURCES_TEMPLATES_LIST ->
                    page("resourceTemplates", server.resources().listTemplates(cursor(params), pageSize, v));
            case Methods.RESOURCES_READ -> Map.of("contents", server.resources().read(Params.requiredString(params, "uri")));
            case Methods.RESOURCES_SUBSCRIBE -> {
                session.subscribe(Params.requiredString(params, "uri"));
                yield Session.EMPTY;
            }
            case Methods.RESOURCES_UNSUBSCRIBE -> {
                session.unsubscribe(Params.requiredString(params, "uri"));
                yield Session.EMPTY;
            }
            case Methods.PROMPTS_LIST -> page("prompts", server.prompts().list(cursor(params), pageSize, v));
            case Methods.PROMPTS_GET -> server.prompts().get(Params.requiredString(params, "name"),
                    Params.stringMap(params, "arguments"), v);
            case Methods.COMPLETION_COMPLETE -> complete(params);
            case Methods.LOGGING_SET_LEVEL -> {
                String name = Params.requiredString(params, "level");
                LogLevel level = LogLevel.parse(name);
                if (level == null) {
                    throw RpcException.invalidParams("Unknown log level: " + name);
                }
                session.notifier().level(level);
                yield Session.EMPTY;
            }
            case Methods.SERVER_DISCOVER -> Modern.discover(server);
            case Methods.SUBSCRIPTIONS_LISTEN -> session.listens().listen(call, params);
            case Methods.TASKS_GET -> v.modern() ? extensionTask(call, params).detailed() : tasks(v, method).get(taskId(params)).snapshot();
            case Methods.TASKS_RESULT -> tasks(v, method).get(taskId(params)).awaitResult();
            case Methods.TASKS_CANCEL -> {
                TaskRun task = v.modern() ? extensionTask(call, params) : tasks(v, method).get(taskId(params));
                task.cancel();
                yield v.modern() ? Session.EMPTY : task.snapshot();
            }
            case Methods.TASKS_UPDATE -> {
                extensionTask(call, params).update(Params.requiredObject(params, "inputResponses"));
                yield Session.EMPTY;
            }
            case Methods.TASKS_LIST -> page("tasks", tasks(v, method).list(cursor(params), pageSize));
            default -> extension(call, method, params);
        };
    }

    /** A method an extension added, for a stateless caller; anything else is not found. */
    private Object extension(Call call, String method, ObjectNode params) throws InterruptedException {
        ExtensionMethod handler = server.extensionMethod(method);
        if (handler == null || !call.version().modern()) {
            throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + method);
        }
        try {
            return handler.handle(call.asExtensionRequest(), params == null ? dev.herald.jsonrpc.Json.object() : params);
        } catch (InterruptedException | RpcException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code tools/call}, as a task when the client asks for one (2025-11-25). A tool's
     * {@code taskSupport} decides: a task for a tool that forbids them, or a plain call to a tool
     * that requires one, is {@code -32601}. Older clients never see tasks, so their calls run plainly.
     * In the stateless era the server decides: a tool that requires a task always runs as one, for
     * a client that declared the tasks extension ({@code -32021} for one that did not).
     */
    private Object callTool(Call call, ObjectNode params) throws InterruptedException {
        ToolEntry tool = server.tools().find(Params.requiredString(params, "name"));
        ObjectNode arguments = Params.objectOrEmpty(params, "arguments");
        if (call.version().modern() && tool.tool().taskSupport() == Tool.TaskSupport.REQUIRED) {
            if (!call.caller.declaresExtension(ServerCapabilities.TASKS_EXTENSION)) {
                throw Modern.tasksExtensionRequired();
            }
            // The extension's tasks report through tasks/get and listen streams only: no log messages, no progress.
            Caller silent = new Caller(call.caller.version(), call.caller.capabilities(), call.caller.info(), null);
            TaskRun task = session.modernTasks().create(call, silent, tool, arguments, Tasks.DEFAULT_TTL, null);
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("resultType", "task");
            created.putAll(task.detailed());
            return created;
        }
        ObjectNode augmentation = call.version().coreTasks() ? Params.optionalObject(params, "task") : null;
        Tool.TaskSupport support = tool.tool().taskSupport();
        if (augmentation != null && support == Tool.TaskSupport.FORBIDDEN) {
            throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Tool " + tool.tool().name() + " does not support task-augmented calls");
        }
        if (augmentation == null && support == Tool.TaskSupport.REQUIRED && call.version().coreTasks()) {
            throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Tool " + tool.tool().name()
                    + " must be called as a task: add a task field to the tools/call params");
        }
        if (augmentation != null) {
            TaskRun task = session.tasks().create(call, call.caller, tool, arguments, Tasks.ttl(augmentation), Params.progressToken(params));
            return new CreateTaskResult(task.snapshot(), Map.of(CreateTaskResult.MODEL_IMMEDIATE_RESPONSE,
                    "Started " + tool.tool().name() + " as a background task; its result will follow when it finishes."));
        }
        return server.tools().call(tool, arguments, call);
    }

    /** The session's tasks, for a client that negotiated them. */
    private Tasks tasks(ProtocolVersion v, String method) {
        if (!v.coreTasks()) {
            throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + method + " (core tasks are part of protocol 2025-11-25 only)");
        }
        return session.tasks();
    }

    /** A task of the tasks extension, for a caller that declared it ({@code -32021} otherwise). */
    private TaskRun extensionTask(Call call, ObjectNode params) {
        if (!call.caller.declaresExtension(ServerCapabilities.TASKS_EXTENSION)) {
            throw Modern.tasksExtensionRequired();
        }
        return session.modernTasks().get(taskId(params));
    }

    private static String taskId(ObjectNode params) {
        return Params.requiredString(params, "taskId");
    }

    private static String cursor(ObjectNode params) {
        return Params.optionalString(params, "cursor");
    }

    private static Map<String, Object> page(String field, Page<?> page) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(field, page.items());
        if (page.nextCursor() != null) {
            result.put("nextCursor", page.nextCursor());
        }
        return result;
    }

    private Map<String, Object> complete(ObjectNode params) {
        ObjectNode ref = Params.requiredObject(params, "ref");
        ObjectNode argument = Params.requiredObject(params, "argument");
        String type = Params.requiredString(ref, "type");
        String target = type.equals("ref/resource") ? Params.requiredString(ref, "uri") : Params.requiredString(ref, "name");
        Map<String, String> context = Params.stringMap(Params.objectOrEmpty(params, "context"), "arguments");
        Completions.Result result = server.completions().complete(type, target,
                Params.requiredString(argument, "name"), Params.requiredString(argument, "value"), context);
        return Map.of("completion", result);
    }
}
