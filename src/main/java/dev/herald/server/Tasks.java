package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.Page;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.RpcException;
import dev.herald.notify.Scheduler;
import dev.herald.protocol.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tasks of one session in one era (a session keeps one store for 2025-11-25 core tasks and
 * one for the 2026-07-28 tasks extension, which cannot see each other's): created by a
 * {@code tools/call}, found by the task methods, paged by {@code tasks/list} (2025-11-25),
 * forgotten when their ttl passes. Used from calls' threads and the scheduler's; the maps are
 * concurrent and creation holds a lock so the bounds hold.
 */
final class Tasks {
    /** Most tasks of one session that may be working (or waiting for input) at once. */
    static final int MAX_WORKING = 64;
    /** Most tasks one session keeps, finished ones included (their results wait for tasks/result). */
    static final int MAX_KEPT = 1000;
    static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    static final Duration MIN_TTL = Duration.ofSeconds(1);
    static final Duration MAX_TTL = Duration.ofHours(2);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final Session session;
    private final Scheduler scheduler;
    private final Map<String, TaskRun> byId = new ConcurrentHashMap<>();
    private final NavigableMap<Long, TaskRun> bySequence = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ReentrantLock createLock = new ReentrantLock();
    private boolean closed;

    Tasks(Session session, Scheduler scheduler) {
        this.session = session;
        this.scheduler = scheduler;
    }

    static RpcException notFound() {
        return RpcException.invalidParams("Failed to retrieve task: Task not found (unknown id, or its ttl has passed)");
    }

    /**
     * Creates the task for {@code call}; its tool starts once the call's answer (which announces
     * the task) is out, and the task is dropped if that answer never goes out.
     */
    TaskRun create(Call call, Caller caller, ToolEntry tool, ObjectNode arguments, Duration ttl, JsonNode progressToken) {
        TaskRun run;
        createLock.lock();
        try {
            if (closed) {
                throw new RpcException(ErrorCode.INTERNAL_ERROR, "The server is shutting down");
            }
            long working = byId.values().stream().filter(TaskRun::working).count();
            if (working >= MAX_WORKING) {
                throw new RpcException(ErrorCode.INTERNAL_ERROR, "Server busy: " + MAX_WORKING
                        + " tasks are already working; wait for one to finish or cancel one");
            }
            if (byId.size() >= MAX_KEPT) {
                throw new RpcException(ErrorCode.INTERNAL_ERROR, "Server busy: " + MAX_KEPT
                        + " tasks are kept until their ttl passes; request shorter ttls");
            }
            run = new TaskRun(session, caller, UUID.randomUUID().toString(), sequence.incrementAndGet(), scheduler, ttl, tool, arguments,
                    progressToken);
            byId.put(run.id, run);
            bySequence.put(run.sequence, run);
        } finally {
            createLock.unlock();
        }
        run.expireWith(scheduler.after(ttl, () -> forget(run)));
        call.whenAnswered(sent -> {
            if (sent) {
                run.start();
            } else {
                forget(run);
            }
        });
        return run;
    }

    /** The ttl to grant for a 2025-11-25 task: the requested one within [{@link #MIN_TTL}, {@link #MAX_TTL}], else the default. */
    static Duration ttl(ObjectNode augmentation) {
        JsonNode requested = augmentation.get("ttl");
        if (requested == null || requested.isNull()) {
            return DEFAULT_TTL;
        }
        if (!requested.isNumber() || !(requested.doubleValue() >= 0)) {
            throw RpcException.invalidParams("Parameter task.ttl must be a non-negative number of milliseconds");
        }
        double ms = Math.min(requested.doubleValue(), MAX_TTL.toMillis());
        return Duration.ofMillis(Math.max((long) ms, MIN_TTL.toMillis()));
    }

    /** The task with this id, or null. */
    TaskRun find(String id) {
        return byId.get(id);
    }

    TaskRun get(String id) {
        TaskRun run = byId.get(id);
        if (run == null) {
            throw notFound();
        }
        return run;
    }

    /** One page of tasks, oldest first. */
    Page<Task> list(String cursor, int pageSize) {
        Page<TaskRun> page = Page.ofSequence(bySequence, cursor, pageSize);
        return new Page<>(page.items().stream().map(TaskRun::snapshot).toList(), page.nextCursor());
    }

    /** The ttl passed, or the answer creating the task never went out: the task is forgotten. */
    private void forget(TaskRun run) {
        byId.remove(run.id, run);
        bySequence.remove(run.sequence, run);
        run.expire();
    }

    /** The session is closing: every task stops, and no new one starts. */
    void close() {
        createLock.lock();
        try {
            closed = true;
        } finally {
            createLock.unlock();
        }
        for (TaskRun run : List.copyOf(byId.values())) {
            forget(run);
        }
    }

    /** Tasks kept now, working or finished. */
    int size() {
        return byId.size();
    }
}
