package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.Methods;
import dev.herald.protocol.ServerCapabilities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code subscriptions/listen} streams of one connection (2026-07-28): the only way a
 * stateless client hears of changes. Each stream is a request that stays open: its call's thread
 * acknowledges what Herald will honour, then waits; changes fan out from whichever thread raised
 * them, and each is dropped at write time if its stream has ended by then. The client ends a
 * stream with {@code notifications/cancelled} (the call is cancelled: nothing more for it); Herald
 * ends them all at shutdown (a final result, then {@code notifications/cancelled}). Registration
 * with its acknowledgement, fan-out and shutdown take one lock, so a stream's acknowledgement
 * precedes all else for it and no stream slips past the shutdown. Lock order: a task's lock, then
 * this one, then a call's.
 */
final class Listens {
    /** Most streams open at once on one connection. */
    static final int MAX_STREAMS = 100;
    /** Most resource URIs one stream may follow. */
    static final int MAX_URIS = Server.MAX_SUBSCRIPTIONS;

    /** One open stream and what it follows. Its sets are fixed once acknowledged. */
    private record Stream(Call call, boolean tools, boolean prompts, boolean resources, Set<String> uris, Set<String> taskIds,
                          Set<String> subscribed, CountDownLatch ended, AtomicBoolean ending) {
        Id id() {
            return call.id();
        }

        /** False once the stream is ending or ended: what is still queued for it is not written. */
        boolean open() {
            return !ending.get() && ended.getCount() > 0;
        }

        Map<String, Object> meta() {
            return Map.of(Modern.SUBSCRIPTION_ID, id().jsonValue());
        }
    }

    private final Session session;
    private final Map<Id, Stream> streams = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    Listens(Session session) {
        this.session = session;
    }

    /**
     * Serves one {@code subscriptions/listen} on its call's thread: acknowledges, reports the
     * current state of the tasks it follows, then waits until the server ends the stream or the
     * client cancels it (the interrupt propagates and nothing more is sent for it).
     */
    Map<String, Object> listen(Call call, ObjectNode params) throws InterruptedException {
        Stream stream = honoured(call, Params.requiredObject(params, "notifications"));
        try {
            lock.lock();
            try {
                if (closed) {
                    return finalResult(stream); // the server is shutting down: the stream ends as it begins
                }
                if (streams.size() >= MAX_STREAMS) {
                    throw new RpcException(ErrorCode.INTERNAL_ERROR, "Too many listen streams (" + MAX_STREAMS + "); end one first");
                }
                call.whenCancelled(stream.ended()::countDown); // on the reader thread: nothing queued is written after
                if (!call.acknowledge(Methods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED, acknowledgement(stream))) {
                    throw new InterruptedException(); // cancelled before it was acknowledged
                }
                streams.put(stream.id(), stream);
            } finally {
                lock.unlock();
            }
            for (String taskId : stream.taskIds()) {
                TaskRun task = session.modernTasks().find(taskId);
                if (task != null) {
                    task.report(detailed -> sendTask(stream, detailed)); // where it stands now, in order with its changes
                }
            }
            stream.ended().await();
            return finalResult(stream); // answered already, by endAll
        } finally {
            streams.remove(stream.id(), stream);
            stream.ended().countDown();
            for (String uri : List.copyOf(stream.subscribed())) {
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
            if (uris.size() >= MAX_URIS) {
                break;
            }
            if (!uris.contains(uri) && session.server().resources().exists(uri)) {
                uris.add(uri);
            }
        }
        List<String> requestedTasks = strings(filter, "taskIds");
        if (!requestedTasks.isEmpty() && !call.caller.declaresExtension(ServerCapabilities.TASKS_EXTENSION)) {
            throw Modern.tasksExtensionRequired();
        }
        Set<String> taskIds = new LinkedHashSet<>();
        for (String taskId : requestedTasks) {
            if (session.modernTasks().find(taskId) != null) {
                taskIds.add(taskId);
            }
        }
        Set<String> subscribed = ConcurrentHashMap.newKeySet();
        for (String uri : uris) {
            session.server().subscribe(subscribed, uri); // starts the URI's watcher (the clock ticks only while followed)
        }
        return new Stream(call, tools, prompts, resources, Collections.unmodifiableSet(uris), Collections.unmodifiableSet(taskIds),
                subscribed, new CountDownLatch(1),
                new AtomicBoolean());
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

    private static Map<String, Object> finalResult(Stream stream) {
        return Map.of("_meta", stream.meta());
    }

    /** A list changed: every stream that asked for that list hears of it. */
    void listChanged(ListKind kind) {
        lock.lock(); // a stream being opened gets its acknowledgement out first
        try {
            for (Stream stream : streams.values()) {
                boolean wanted = switch (kind) {
                    case TOOLS -> stream.tools();
                    case PROMPTS -> stream.prompts();
                    case RESOURCES -> stream.resources();
                };
                if (wanted) {
                    session.notifier().onStream(stream, kind.notification(), Map.of("_meta", stream.meta()), stream::open, true);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A resource changed: every stream following its URI hears of it. */
    void resourceUpdated(String uri) {
        lock.lock();
        try {
            for (Stream stream : streams.values()) {
                if (stream.uris().contains(uri)) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("_meta", stream.meta());
                    params.put("uri", uri);
                    session.notifier().onStream(stream, Methods.NOTIFICATIONS_RESOURCES_UPDATED, params, stream::open, true);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A task of the tasks extension changed (called under the task's lock): every stream following it gets the whole task. */
    void taskChanged(String taskId, Map<String, Object> detailedTask) {
        lock.lock();
        try {
            for (Stream stream : streams.values()) {
                if (stream.taskIds().contains(taskId)) {
                    sendTask(stream, detailedTask);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendTask(Stream stream, Map<String, Object> detailedTask) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_meta", stream.meta());
        params.putAll(detailedTask);
        session.notifier().onStream(stream, Methods.NOTIFICATIONS_TASKS, params, stream::open, false); // every state counts
    }

    /**
     * Shutdown, on the closing thread: every stream ends with its final result, then a
     * {@code notifications/cancelled} naming it (2026-07-28 subscriptions.mdx and cancellation.mdx
     * each ask for one of the two), before the output closes; streams still opening end at once.
     */
    void endAll() {
        lock.lock();
        try {
            closed = true;
            for (Stream stream : streams.values()) {
                stream.ending().set(true); // first: nothing raised from now on is written for it
                Object result = Modern.finish(Methods.SUBSCRIPTIONS_LISTEN, finalResult(stream), session.server());
                if (stream.call().answer(new Message.Success(stream.id(), result))) {
                    Map<String, Object> cancelled = new LinkedHashMap<>();
                    cancelled.put("requestId", stream.id().jsonValue());
                    cancelled.put("reason", "The server is shutting down");
                    session.notifier().send(Methods.NOTIFICATIONS_CANCELLED, cancelled);
                }
                stream.ended().countDown(); // last: the stream's own thread finds it answered
            }
        } finally {
            lock.unlock();
        }
    }
}
