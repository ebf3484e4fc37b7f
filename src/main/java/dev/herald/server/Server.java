package dev.herald.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.Options;
import dev.herald.feature.Completions;
import dev.herald.feature.Prompts;
import dev.herald.feature.Resources;
import dev.herald.feature.Tools;
import dev.herald.notify.NotificationLog;
import dev.herald.notify.Scheduler;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.ListKind;
import dev.herald.jsonrpc.RpcException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every session shares: the feature registries, the scheduler, the notification log and
 * the set of live sessions. Thread-safe. Registry changes fan out to every session as
 * list_changed; resource changes go only to the sessions subscribed to that URI.
 */
public final class Server {
    /** Told when a URI gains its first subscriber or loses its last, to start or stop watching it. */
    public interface Watcher {
        void watch();

        void unwatch();
    }

    private final Implementation info;
    private final String instructions;
    private final Options options;
    private final Scheduler scheduler;
    private final Instant started;
    private final Tools tools = new Tools();
    private final Resources resources = new Resources();
    private final Prompts prompts = new Prompts();
    private final Completions completions = new Completions(prompts, resources);
    private final NotificationLog notificationLog;
    private final RequestStates requestStates;
    private final Set<Session> sessions = new CopyOnWriteArraySet<>();
    /** Most resources one session may be subscribed to. */
    public static final int MAX_SUBSCRIPTIONS = 1000;

    private final Map<String, Integer> subscribers = new ConcurrentHashMap<>();
    private final ReentrantLock subscriptionLock = new ReentrantLock();
    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<Session>> readyHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ObjectNode extensionCapabilities = dev.herald.jsonrpc.Json.object();
    private final Map<String, dev.herald.feature.ExtensionMethod> extensionMethods = new ConcurrentHashMap<>();
    private final java.util.List<Greeter> greeters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, java.util.function.BiConsumer<Session, ObjectNode>> notificationHandlers = new ConcurrentHashMap<>();

    public Server(Implementation info, String instructions, Options options, Scheduler scheduler) {
        this.info = info;
        this.instructions = instructions;
        this.options = options;
        this.scheduler = scheduler;
        this.started = scheduler.now();
        this.notificationLog = new NotificationLog(scheduler::now);
        this.requestStates = new RequestStates(scheduler);
        tools.registry().onChange(() -> listChanged(ListKind.TOOLS));
        resources.registry().onChange(() -> listChanged(ListKind.RESOURCES));
        prompts.registry().onChange(() -> listChanged(ListKind.PROMPTS));
    }

    public Implementation info() {
        return info;
    }

    public String instructions() {
        return instructions;
    }

    public Options options() {
        return options;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Instant started() {
        return started;
    }

    public Tools tools() {
        return tools;
    }

    public Resources resources() {
        return resources;
    }

    public Prompts prompts() {
        return prompts;
    }

    public Completions completions() {
        return completions;
    }

    public NotificationLog notificationLog() {
        return notificationLog;
    }

    RequestStates requestStates() {
        return requestStates;
    }

    /** The live sessions (one on stdio). */
    public Set<Session> sessions() {
        return sessions;
    }

    void attach(Session session) {
        sessions.add(session);
    }

    void detach(Session session) {
        sessions.remove(session);
        subscriptionLock.lock();
        try {
            for (String uri : session.subscriptions()) {
                countSubscriber(uri, -1);
            }
            session.subscriptions().clear();
        } finally {
            subscriptionLock.unlock();
        }
    }

    /**
     * Adds {@code uri} to a subscriber's set (a handshake session's, or one listen stream's);
     * {@code -32602} past {@value #MAX_SUBSCRIPTIONS} in one set.
     */
    void subscribe(Set<String> owned, String uri) {
        subscriptionLock.lock(); // the subscriber's set, the count and the watcher change together
        try {
            if (owned.contains(uri)) {
                return;
            }
            if (owned.size() >= MAX_SUBSCRIPTIONS) {
                throw RpcException.invalidParams("Too many subscriptions (" + MAX_SUBSCRIPTIONS + "); unsubscribe from some first");
            }
            owned.add(uri);
            countSubscriber(uri, +1);
        } finally {
            subscriptionLock.unlock();
        }
    }

    void unsubscribe(Set<String> owned, String uri) {
        subscriptionLock.lock();
        try {
            if (owned.remove(uri)) {
                countSubscriber(uri, -1);
            }
        } finally {
            subscriptionLock.unlock();
        }
    }

    /** Under the subscription lock: counts subscribers, and starts or stops the URI's watcher at one and zero. */
    private void countSubscriber(String uri, int delta) {
        int count = subscribers.getOrDefault(uri, 0) + delta;
        if (count > 0) {
            subscribers.put(uri, count);
        } else {
            subscribers.remove(uri);
        }
        Watcher watcher = watchers.get(uri);
        if (watcher != null && delta > 0 && count == 1) {
            watcher.watch();
        } else if (watcher != null && delta < 0 && count == 0) {
            watcher.unwatch();
        }
    }

    /** Adds to a handshake client's initialize result; runs on the reader thread, before the result is sent. */
    @FunctionalInterface
    public interface Greeter {
        /** May add {@code capabilities.experimental} entries and append to the instructions. */
        void greet(Implementation client, ObjectNode capabilities, StringBuilder instructions);
    }

    public void onInitialize(Greeter greeter) {
        greeters.add(greeter);
    }

    String greet(Implementation client, ObjectNode capabilities) {
        StringBuilder text = new StringBuilder(instructions);
        greeters.forEach(g -> g.greet(client, capabilities, text));
        return text.toString();
    }

    /** Handles a client notification no MCP method claims ({@code notifications/claude/...}); runs on the reader thread. */
    public void onClientNotification(String method, java.util.function.BiConsumer<Session, ObjectNode> handler) {
        notificationHandlers.put(method, handler);
    }

    boolean clientNotification(Session session, String method, ObjectNode params) {
        var handler = notificationHandlers.get(method);
        if (handler == null) {
            return false;
        }
        handler.accept(session, params == null ? dev.herald.jsonrpc.Json.object() : params);
        return true;
    }

    /** Adds a protocol extension for stateless clients: its capability in server/discover and its methods. */
    public void addExtension(String id, ObjectNode capability, Map<String, dev.herald.feature.ExtensionMethod> methods) {
        extensionCapabilities.set(id, capability);
        extensionMethods.putAll(methods);
    }

    dev.herald.feature.ExtensionMethod extensionMethod(String method) {
        return extensionMethods.get(method);
    }

    /** The extensions added with {@link #addExtension}, as server/discover declares them. */
    ObjectNode extensionCapabilities() {
        return extensionCapabilities;
    }

    /** Registers what runs (on the session's reader thread) when a handshake client sends notifications/initialized. */
    public void onSessionReady(java.util.function.Consumer<Session> hook) {
        readyHooks.add(hook);
    }

    void sessionReady(Session session) {
        readyHooks.forEach(h -> h.accept(session));
    }

    /** Tells every session that a list changed. */
    public void listChanged(ListKind kind) {
        for (Session session : sessions) {
            session.listChanged(kind);
        }
    }

    /** Tells the subscribers of {@code uri} that it changed. */
    public void resourceUpdated(String uri) {
        if (!subscribers.containsKey(uri)) {
            return;
        }
        for (Session session : sessions) {
            session.resourceUpdated(uri);
        }
    }

    /** Registers what to start and stop as {@code uri} gains and loses subscribers. */
    public void watch(String uri, Watcher watcher) {
        watchers.put(uri, watcher);
    }
}
