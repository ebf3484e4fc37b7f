package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.SessionInfo;
import dev.herald.notify.ProgressStream;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a {@link Call} and a {@link TaskRun} share as the context their handler runs in: the
 * session, the progress stream of the request's token, and the lock that orders every
 * notification before the end of the request or task. Handlers call it from their own virtual
 * thread; once {@link #live} turns false, nothing more is sent.
 */
abstract sealed class Scope implements RequestContext permits Call, TaskRun {
    final Session session;
    final Caller caller;
    final ReentrantLock lock = new ReentrantLock();
    private final ProgressStream progress;
    private final String taskId;

    /** {@code taskId} names the task its notifications belong to, or is null for a plain request. */
    Scope(Session session, Caller caller, JsonNode progressToken, String taskId) {
        this.session = session;
        this.caller = caller;
        this.progress = progressToken == null ? null : new ProgressStream(progressToken, taskId);
        this.taskId = taskId;
    }

    /** Under {@link #lock}: whether the request or task may still send notifications. */
    abstract boolean live();

    @Override
    public ProtocolVersion version() {
        return caller.version();
    }

    @Override
    public boolean hasProgressToken() {
        return progress != null;
    }

    @Override
    public boolean progress(double value, Double total, String message) {
        if (progress == null) {
            return false;
        }
        lock.lock();
        try {
            return live() && session.notifier().progress(progress, caller.version(), value, total, message);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handshake era: the session's level filters. Stateless era: only a request that set a
     * {@code logLevel} gets log messages, at that level, and only before its response.
     */
    @Override
    public boolean log(LogLevel level, String logger, Object data) {
        if (caller.modern() && caller.logLevel() == null) {
            return false;
        }
        lock.lock();
        try {
            if (!live()) {
                return false;
            }
            return caller.modern()
                    ? session.notifier().logForRequest(level, caller.logLevel(), logger, data)
                    : session.notifier().log(level, logger, data, taskId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogLevel logLevel() {
        return caller.modern() ? caller.logLevel() : session.notifier().level();
    }

    @Override
    public SessionInfo session() {
        return caller.modern() ? new StatelessView(session, caller) : session;
    }
}
