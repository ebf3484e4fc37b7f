package dev.herald.notify;

import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Message;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.Methods;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.LogMessageParams;
import dev.herald.protocol.ProgressParams;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ResourceUpdatedParams;
import dev.herald.protocol.Task;
import dev.herald.transport.Transport;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path for every notification a session sends. Any thread may call it; nothing here
 * blocks on the client. It enforces the session-level rules: only log messages before
 * {@code notifications/initialized} (list and resource changes raised earlier wait and go out right
 * after it), the client's log level, and the slow-client policy: responses are never dropped (they
 * do not pass here); a list_changed or resources/updated still queued absorbs identical later ones;
 * a queued progress notification absorbs newer values; log messages are dropped, and counted, while
 * the client is not reading. Request-scoped rules (live tokens, order against the response) belong
 * to the caller. Notifications are encoded by the thread that sends them, so each counts its true
 * size against the transport's byte budget; a coalesced progress notification counts the size of
 * the value it was queued with.
 */
public final class Notifier {
    private static final Logger logger = LoggerFactory.getLogger(Notifier.class);
    private final Codec codec;
    private final Consumer<Transport.Frame> out;
    private final BooleanSupplier congested;
    private final AtomicLong droppedLogs = new AtomicLong();
    private final NotificationLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Object> deferred = new LinkedHashSet<>();
    private final Set<Object> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean ready;
    private volatile LogLevel level;
    private volatile Set<String> kinds; // null: every kind (no notifications/subscribe yet)

    /** {@code congested} tells whether the client is far behind in reading (see {@link Transport#congested}). */
    public Notifier(Codec codec, Consumer<Transport.Frame> out, BooleanSupplier congested, NotificationLog log, LogLevel defaultLevel) {
        this.codec = codec;
        this.out = out;
        this.congested = congested;
        this.log = log;
        this.level = defaultLevel;
    }


    public LogLevel level() {
        return level;
    }

    public void level(LogLevel level) {
        this.level = level;
    }

    /** The client sent {@code notifications/initialized}: release what was held back. */
    public void ready() {
        lock.lock();
        try {
            ready = true;
            deferred.forEach(this::enqueueChange);
            deferred.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a log message unless it is below the client's level; returns whether it passed the
     * level. While the client is not reading, messages are dropped and counted instead, and one
     * warning says how many once it has caught up ({@link #drained}).
     */
    public boolean log(LogLevel level, String logger, Object data) {
        return log(level, logger, data, null);
    }

    /** {@link #log(LogLevel, String, Object)} for a message that may belong to a task ({@code taskId}, named in its {@code _meta}). */
    public boolean log(LogLevel level, String logger, Object data, String taskId) {
        if (level.compareTo(this.level) < 0) {
            return false;
        }
        if (congested.getAsBoolean()) {
            droppedLogs.incrementAndGet();
            return true;
        }
        reportDrops();
        send(Methods.NOTIFICATIONS_MESSAGE, new LogMessageParams(level, logger, data, taskId == null ? null : Task.relatedMeta(taskId)));
        return true;
    }

    /**
     * A log message of one stateless (2026-07-28) request, at or above the level that request set:
     * it belongs before that request's response, so like the response it is never dropped, and no
     * later drop report speaks for it.
     */
    public boolean logForRequest(LogLevel level, LogLevel requested, String logger, Object data) {
        if (level.compareTo(requested) < 0) {
            return false;
        }
        send(Methods.NOTIFICATIONS_MESSAGE, new LogMessageParams(level, logger, data, null));
        return true;
    }

    /**
     * A log message that must not be lost as congestion (an event from the hub): unless the
     * client's level or its {@code notifications/subscribe} filter holds it back, it is queued
     * however far behind the client is, and {@code afterFlush} runs once it has been written and
     * flushed. Returns whether it was queued.
     */
    public boolean logTracked(LogLevel level, String logger, Object data, Runnable afterFlush) {
        if (level.compareTo(this.level) < 0) {
            return false;
        }
        return sendTracked(Methods.NOTIFICATIONS_MESSAGE, new LogMessageParams(level, logger, data, null), afterFlush);
    }

    /**
     * Any notification that must not be lost as congestion: queued however far behind the client
     * is, unless its {@code notifications/subscribe} leaves the kind out; {@code afterFlush} runs
     * once it has been written and flushed. Returns whether it was queued.
     */
    public boolean sendTracked(String method, Object params, Runnable afterFlush) {
        byte[] bytes = encode(method, params);
        if (bytes == null) {
            return false;
        }
        out.accept(new Transport.Tracked(recorded(method, params, bytes), afterFlush));
        return true;
    }

    /** True if the output is far behind: a producer that must not drop should wait before sending more. */
    public boolean congested() {
        return congested.getAsBoolean();
    }

    /**
     * The Herald extension {@code notifications/subscribe}: from now on only notifications of
     * these kinds ({@code message}, {@code progress}, {@code resources/updated}... the method
     * without {@code notifications/}) are sent; null sends every kind again.
     */
    public void restrictTo(Set<String> kinds) {
        this.kinds = kinds == null ? null : Set.copyOf(kinds);
    }

    /** Whether the client's {@code notifications/subscribe} lets notifications of {@code method} through. */
    public boolean sends(String method) {
        Set<String> k = kinds;
        return k == null || k.contains(method.startsWith("notifications/") ? method.substring("notifications/".length()) : method);
    }

    /** The client caught up with its output: say how many log messages it missed, if any. */
    public void drained() {
        reportDrops();
    }

    private void reportDrops() {
        long dropped = droppedLogs.getAndSet(0);
        if (dropped > 0) {
            LogLevel level = this.level.compareTo(LogLevel.WARNING) > 0 ? this.level : LogLevel.WARNING; // past the client's filter
            send(Methods.NOTIFICATIONS_MESSAGE, new LogMessageParams(level, "herald",
                    "Herald dropped " + dropped + " log message" + (dropped == 1 ? "" : "s") + " while the client was not reading its output", null));
        }
    }

    /**
     * Sends the next progress notification of {@code stream} if {@code progress} is finite and above
     * the last value sent; returns whether it did. The caller has checked that the request is live
     * and holds the lock that orders its progress before its response. {@code version} is the
     * request's: before 2025-03-26 progress has no message.
     */
    public boolean progress(ProgressStream stream, ProtocolVersion version, double progress, Double total, String message) {
        if (!Double.isFinite(progress) || !(progress > stream.last)) {
            return false;
        }
        stream.last = progress;
        if (total != null && !Double.isFinite(total)) {
            total = null;
        }
        String text = version.since20250326() ? message : null;
        ProgressStream.Pending value = new ProgressStream.Pending(ProgressEncoder.encode(stream.tokenJson, progress, total, text, stream.taskId),
                new ProgressParams(stream.token, ProgressParams.number(progress), total == null ? null : ProgressParams.number(total), text,
                        stream.taskId == null ? null : Task.relatedMeta(stream.taskId)));
        int size = value.bytes().length;
        if (stream.waiting.get() == null && !congested.getAsBoolean()) {
            out.accept(Transport.Frame.sized(size, () -> render(value)));
        } else if (stream.waiting.getAndSet(value) == null) {
            // The first value since the queued one was written: queue a notification that writes the newest value.
            out.accept(Transport.Frame.sized(size, () -> render(stream.waiting.getAndSet(null))));
        }
        return true;
    }

    private byte[] render(ProgressStream.Pending value) {
        if (!sends(Methods.NOTIFICATIONS_PROGRESS)) {
            return null;
        }
        log.record(Methods.NOTIFICATIONS_PROGRESS, value.params());
        return value.bytes();
    }

    /** Announces a list change (held until the session is ready; coalesced while queued). */
    public void listChanged(ListKind kind) {
        change(kind);
    }

    /** Announces that a subscribed resource changed (held until ready; coalesced per URI while queued). */
    public void resourceUpdated(String uri) {
        change(new Updated(uri));
    }

    private record Updated(String uri) {}

    private void change(Object key) {
        if (!ready) {
            lock.lock();
            try {
                if (!ready) {
                    deferred.add(key);
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        enqueueChange(key);
    }

    private void enqueueChange(Object key) {
        if (!queued.add(key)) {
            return; // an identical notification is still waiting to be written
        }
        String method;
        Object params;
        if (key instanceof ListKind kind) {
            method = kind.notification();
            params = null;
        } else {
            method = Methods.NOTIFICATIONS_RESOURCES_UPDATED;
            params = new ResourceUpdatedParams(((Updated) key).uri());
        }
        byte[] bytes = encode(method, params);
        if (bytes == null) {
            queued.remove(key);
            return;
        }
        out.accept(Transport.Frame.sized(bytes.length, () -> {
            queued.remove(key);
            log.record(method, params);
            return bytes;
        }));
    }

    /**
     * Sends a notification on one stream of a stateless client (a subscriptions/listen stream,
     * {@code stream} being any object that identifies it): one whose stream has ended by the time it
     * is written is dropped ({@code open} is asked then). With {@code coalesce}, an identical one
     * still queued for the same stream absorbs it, as for the session's own changes.
     */
    public void onStream(Object stream, String method, Map<String, Object> params, BooleanSupplier open, boolean coalesce) {
        Object key = new Streamed(stream, method, params);
        if (coalesce && !queued.add(key)) {
            return;
        }
        byte[] bytes = encode(method, params);
        if (bytes == null) {
            queued.remove(key);
            return;
        }
        out.accept(Transport.Frame.sized(bytes.length, () -> {
            if (coalesce) {
                queued.remove(key);
            }
            if (!open.getAsBoolean()) {
                return null;
            }
            log.record(method, params);
            return bytes;
        }));
    }

    private record Streamed(Object stream, String method, Map<String, Object> params) {}

    /** Sends any notification as is, counted and recorded (when it is written). */
    public void send(String method, Object params) {
        byte[] bytes = encode(method, params);
        if (bytes != null) {
            out.accept(recorded(method, params, bytes));
        }
    }

    /** A frame of bytes encoded now, recorded in the notification log when it is written. */
    private Transport.Frame recorded(String method, Object params, byte[] bytes) {
        return Transport.Frame.sized(bytes.length, () -> {
            log.record(method, params);
            return bytes;
        });
    }

    /**
     * The notification's bytes, or null when it is dropped: its kind is left out by the client's
     * {@code notifications/subscribe}, or its params cannot be encoded (logged).
     */
    private byte[] encode(String method, Object params) {
        if (!sends(method)) {
            return null;
        }
        try {
            return codec.encode(new Message.Notification(method, params));
        } catch (RuntimeException e) {
            logger.error("Could not encode a {} notification; it was dropped", method, e);
            return null;
        }
    }
}
