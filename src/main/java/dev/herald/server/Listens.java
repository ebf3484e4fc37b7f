package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.Methods;
import dev.herald.protocol.ServerCapabilities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code subscriptions/listen} streams of one connection (2026-07-28): the only way a
 * stateless client hears of changes. Each stream is a request that stays open: its call's thread
 * acknowledges what Herald will honour, then waits; changes fan out from whichever thread raised
 * them; the client ends a stream with {@code notifications/cancelled} (the call is cancelled: no
 * response), Herald ends them all at shutdown (a final result, then {@code notifications/cancelled}).
 */
final class Listens {
    /** Most resource URIs one stream may follow. */
    static final int MAX_URIS = Server.MAX_SUBSCRIPTIONS;

    /** One open stream and what it asked for. Its sets are fixed once acknowledged. */
    private record Stream(Call call, Id id, boolean tools, boolean prompts, boolean resources, Set<String> uris, Set<String> taskIds,
                          Set<String> subscribed, CountDownLatch ended) {
        boolean open() {
            return ended.getCount() > 0;
        }

        Map<String, Object> meta() {
            return Map.of(Modern.SUBSCRIPTION_ID, id.jsonValue());
        }
    }

    private final Session session;
    private final Map<Id, Stream> streams = new ConcurrentHashMap<>();

    Listens(Session session) {
        this.session = session;
    }

    /**
     * Serves one {@code subscriptions/listen} on its call's thread: acknowledges, then waits until
     * the server ends the stream (returning the final result) or the client cancels it (the
     * interrupt propagates and nothing more is sent for it).
     */
    Map<String, Object> listen(Call call, ObjectNode params) throws InterruptedException {
        ObjectNode filter = Params.requiredObject(params, "notifications");
        Stream stream = honoured(call, filter);
        session.notifier().send(Methods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED, acknowledgement(stream));
        streams.put(stream.id(), stream);
        // The client's cancel ends the stream at once, on the reader thread: nothing queued for it is written after.
        call.whenCancelled(stream.ended()::countDown);
        try {
            stream.ended().await();
            return finalResult(stream); // already answered by endAll; kept for the call's own bookkeeping

        } finally {
            streams.remove(stream.id(), stream);
            stream.ended().countDown();
            for (String uri : stream.subscribed()) {
                session.server().unsubscribe(stream.subscribed(), uri);
            }
        }
    }

    /** What of {@code filter} Herald will honour: every list it has, resources that exist, tasks the caller may see. */
    private Stream honoured(Call call, ObjectNode filter) {
        boolean tools = flag(filter, "toolsListChanged");
        boolean prompts = flag(filter, "promptsListChanged");
        boolean resources = flag(filter, "resourcesListChanged");
        Set<String> uris = new LinkedHashSet<>();
        for (String uri : strings(filter, "resourceSubscriptions")) {
            if (uris.size() < MAX_URIS && session.server().resources().exists(uri)) {
                uris.add(uri);
            }
        }
        Set<String> taskIds = new LinkedHashSet<>();
        List<String> requestedTasks = strings(filter, "taskIds");
        if (!requestedTasks.isEmpty() && !call.caller.declaresExtension(ServerCapabilities.TASKS_EXTENSION)) {
            throw Modern.tasksExtensionRequired();
        }
        for (String taskId : requestedTasks) {
            if (session.modernTasks().find(taskId) != null) {
                taskIds.add(taskId);
            }
        }
        Set<String> subscribed = ConcurrentHashMap.newKeySet();
        Stream stream = new Stream(call, call.id(), tools, prompts, resources, Set.copyOf(uris), Set.copyOf(taskIds), subscribed,
                new CountDownLatch(1));
        for (String uri : uris) {
            session.server().subscribe(subscribed, uri); // starts the URI's watcher (the clock ticks only while followed)
        }
        return stream;
    }

    private static boolean flag(ObjectNode filter, String name) {
        JsonNode value = filter.get(name);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw RpcException.invalidParams("Parameter notifications." + name + " must be a boolean");
        }
        return value != null && value.asBoolean(false);
    }

    private static List<String> strings(ObjectNode filter, String name) {
        JsonNode value = filter.get(name);
        List<String> list = new ArrayList<>();
        if (value == null || value.isNull()) {
            return list;
        }
        if (!value.isArray()) {
            throw RpcException.invalidParams("Parameter notifications." + name + " must be an array of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw RpcException.invalidParams("Parameter notifications." + name + " must be an array of strings");
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static Map<String, Object> acknowledgement(Stream stream) {
        Map<String, Object> honoured = new LinkedHashMap<>();
        if (stream.tools()) {
            honoured.put("toolsListChanged", true);
        }
        if (stream.prompts()) {
            honoured.put("promptsListChanged", true);
        }
        if (stream.resources()) {
            honoured.put("resourcesListChanged", true);
        }
        if (!stream.uris().isEmpty()) {
            honoured.put("resourceSubscriptions", List.copyOf(stream.uris()));
        }
        if (!stream.taskIds().isEmpty()) {
            honoured.put("taskIds", List.copyOf(stream.taskIds()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_meta", stream.meta());
        params.put("notifications", honoured);
        return params;
    }

    /** A list changed: every stream that asked for that list hears of it. */
    void listChanged(ListKind kind) {
        for (Stream stream : streams.values()) {
            boolean wanted = switch (kind) {
                case TOOLS -> stream.tools();
                case PROMPTS -> stream.prompts();
                case RESOURCES -> stream.resources();
            };
            if (wanted) {
                session.notifier().onStream(kind.notification(), Map.of("_meta", stream.meta()), stream::open);
            }
        }
    }

    /** A resource changed: every stream following its URI hears of it. */
    void resourceUpdated(String uri) {
        for (Stream stream : streams.values()) {
            if (stream.uris().contains(uri)) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("_meta", stream.meta());
                params.put("uri", uri);
                session.notifier().onStream(Methods.NOTIFICATIONS_RESOURCES_UPDATED, params, stream::open);
            }
        }
    }

    /** A task of the tasks extension changed: every stream following it gets the whole task. */
    void taskChanged(String taskId, Map<String, Object> detailedTask) {
        for (Stream stream : streams.values()) {
            if (stream.taskIds().contains(taskId)) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("_meta", stream.meta());
                params.putAll(detailedTask);
                session.notifier().send(Methods.NOTIFICATIONS_TASKS, params);
            }
        }
    }

    private static Map<String, Object> finalResult(Stream stream) {
        return Map.of("_meta", stream.meta());
    }

    /**
     * Shutdown, on the closing thread: every stream ends with its final result, then a
     * {@code notifications/cancelled} naming it (2026-07-28 subscriptions.mdx and cancellation.mdx
     * each ask for one of the two), before the output closes.
     */
    void endAll() {
        for (Stream stream : streams.values()) {
            Object result = Modern.finish(Methods.SUBSCRIPTIONS_LISTEN, finalResult(stream), session.server());
            if (stream.call().answer(new Message.Success(stream.id(), result))) {
                Map<String, Object> cancelled = new LinkedHashMap<>();
                cancelled.put("requestId", stream.id().jsonValue());
                cancelled.put("reason", "The server is shutting down");
                session.notifier().send(Methods.NOTIFICATIONS_CANCELLED, cancelled);
            }
            stream.ended().countDown();
        }
    }

    /** URIs followed by some stream, for the status report. */
    Set<String> uris() {
        Set<String> all = new LinkedHashSet<>();
        for (Stream stream : streams.values()) {
            all.addAll(stream.uris());
        }
        return all;
    }
}
