package dev.herald.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Message;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.Methods;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.LogMessageParams;
import dev.herald.protocol.ProgressParams;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ResourceUpdatedParams;
import dev.herald.transport.Transport;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one path for every notification a session sends. Any thread may call it; nothing here
 * blocks on the client. It enforces the session-level rules: only log messages before
 * {@code notifications/initialized} (list and resource changes raised earlier wait and go out right
 * after it), the client's log level, and coalescing: a list_changed or resources/updated that is
 * still queued absorbs later identical ones. Request-scoped rules (progress tokens, ordering
 * against the response) belong to the caller.
 */
public final class Notifier {
    private final Codec codec;
    private final Consumer<Transport.Frame> out;
    private final NotificationLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Object> deferred = new LinkedHashSet<>();
    private final Set<Object> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean ready;
    private volatile LogLevel level;
    private volatile ProtocolVersion version = ProtocolVersion.LATEST;

    public Notifier(Codec codec, Consumer<Transport.Frame> out, NotificationLog log, LogLevel defaultLevel) {
        this.codec = codec;
        this.out = out;
        this.log = log;
        this.level = defaultLevel;
    }

    public void version(ProtocolVersion version) {
        this.version = version;
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

    /** Sends a log message unless it is below the client's level; returns whether it was sent. */
    public boolean log(LogLevel level, String logger, Object data) {
        if (level.compareTo(this.level) < 0) {
            return false;
        }
        send(Methods.NOTIFICATIONS_MESSAGE, new LogMessageParams(level, logger, data));
        return true;
    }

    /**
     * Sends one progress notification; the caller has checked the token and ordering.
     * {@code tokenJson} is the request's token as JSON text (its type kept); values are finite.
     */
    public void progress(String tokenJson, JsonNode token, double progress, Double total, String message) {
        String text = version.since20250326() ? message : null;
        byte[] bytes = ProgressEncoder.encode(tokenJson, progress, total, text);
        ProgressParams params = new ProgressParams(token, ProgressParams.number(progress), total == null ? null : ProgressParams.number(total), text);
        out.accept(() -> {
            log.record(Methods.NOTIFICATIONS_PROGRESS, params);
            return bytes;
        });
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
        out.accept(() -> {
            queued.remove(key);
            return render(method, params);
        });
    }

    /** Sends any notification as is, counted and recorded. */
    public void send(String method, Object params) {
        out.accept(() -> render(method, params));
    }

    private byte[] render(String method, Object params) {
        log.record(method, params);
        return codec.encode(new Message.Notification(method, params));
    }
}
