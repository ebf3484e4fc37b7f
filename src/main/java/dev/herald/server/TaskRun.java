package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.notify.Scheduler;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Content;
import dev.herald.protocol.Methods;
import dev.herald.protocol.Task;
import dev.herald.protocol.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;

/**
 * One task: a {@code tools/call} that runs on after its answer, in either era (2025-11-25 core
 * tasks, or the 2026-07-28 tasks extension). Holds its status, its outcome and the context its tool
 * runs in. The tool runs on the task's own virtual thread; task requests reach it from their calls'
 * threads, expiry from the scheduler's. One lock guards the status, so status notifications,
 * progress and the outcome leave in the order the transitions happened, and nothing more is sent
 * once the task is terminal.
 */
final class TaskRun extends Scope {
    static final String WORKING_MESSAGE = "The operation is now in progress.";

    final String id;
    final long sequence;
    final Condition changed = lock.newCondition();
    private final Scheduler clock;
    private final Instant createdAt;
    private final Duration ttl;
    private final ToolEntry tool;
    private final ObjectNode arguments;
    private final ClientChannel input;
    private TaskStatus status = TaskStatus.WORKING;
    private String statusMessage = WORKING_MESSAGE;
    private Instant updatedAt;
    private ObjectNode result;
    private RpcException error;
    private boolean gone;
    private Thread thread;
    private Scheduler.Job expiry;

    TaskRun(Session session, Caller caller, String id, long sequence, Scheduler clock, Duration ttl, ToolEntry tool,
            ObjectNode arguments, JsonNode progressToken) {
        super(session, caller, progressToken, id);
        this.id = id;
        this.sequence = sequence;
        this.clock = clock;
        this.createdAt = clock.now();
        this.updatedAt = createdAt;
        this.ttl = ttl;
        this.tool = tool;
        this.arguments = arguments;
        this.input = caller.modern() ? new TaskInput.Stateless(this) : new TaskInput.Handshake(this);
    }

    void expireWith(Scheduler.Job job) {
        lock.lock();
        try {
            expiry = job;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the tool on a new virtual thread; called once the client has the task id. */
    void start() {
        Thread.ofVirtual().name("task-", sequence).start(this::work);
    }

    private void work() {
        lock.lock();
        try {
            if (!live()) {
                return; // cancelled before it started
            }
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            CallToolResult outcome = session.server().tools().call(tool, arguments, this);
            boolean isError = Boolean.TRUE.equals(outcome.isError());
            // 2025-11-25: an isError result fails the task; the extension counts it as completed.
            boolean failed = isError && !caller.modern();
            finish(failed ? TaskStatus.FAILED : TaskStatus.COMPLETED, session.codec().mapper().valueToTree(outcome), null,
                    isError ? "Tool execution failed: " + firstText(outcome) : null);
        } catch (RpcException e) {
            finish(TaskStatus.FAILED, null, e, e.getMessage());
        } catch (InterruptedException e) {
            // Cancelled, expired or shut down: whoever interrupted has settled the status.
        } catch (Throwable e) {
            Session.log.error("Task {} ({}) failed", id, tool.tool().name(), e);
            RpcException internal = new RpcException(ErrorCode.INTERNAL_ERROR, "Internal error while handling tools/call");
            finish(TaskStatus.FAILED, null, internal, internal.getMessage());
        }
    }

    private static String firstText(CallToolResult result) {
        for (Content block : result.content()) {
            if (block instanceof Content.Text text) {
                String s = text.text();
                return s.length() <= 200 ? s : s.substring(0, 200) + "…";
            }
        }
        return "the tool reported an error.";
    }

    private void finish(TaskStatus outcome, ObjectNode result, RpcException error, String message) {
        lock.lock();
        try {
            if (!live()) {
                return; // a cancelled task stays cancelled, whatever the work did afterwards
            }
            this.result = result;
            this.error = error;
            transition(outcome, message);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock: moves to {@code next}, tells the client (2025-11-25: a status notification;
     * the extension: the whole task on the listen streams that follow it), wakes every waiter.
     */
    void transition(TaskStatus next, String message) {
        status = next;
        statusMessage = message;
        updatedAt = clock.now();
        if (caller.modern()) {
            session.listens().taskChanged(id, detailedLocked());
        } else {
            session.notifier().send(Methods.NOTIFICATIONS_TASKS_STATUS, snapshotLocked());
        }
        changed.signalAll();
    }

    TaskStatus status() {
        return status;
    }

    @Override
    boolean live() {
        return !status.terminal() && !gone;
    }

    /** The task as a 2025-11-25 client sees it now. */
    Task snapshot() {
        lock.lock();
        try {
            return snapshotLocked();
        } finally {
            lock.unlock();
        }
    }

    private Task snapshotLocked() {
        return new Task(id, status, statusMessage, iso(createdAt), iso(updatedAt), ttl.toMillis(), Tasks.POLL_INTERVAL.toMillis());
    }

    /**
     * The task as the extension shows it ({@code DetailedTask}): with the questions it waits on,
     * its result (an isError one included) or its JSON-RPC error, by status.
     */
    Map<String, Object> detailed() {
        lock.lock();
        try {
            return detailedLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the task's detailed form to {@code to} under its lock, so it queues in order with its changes. */
    void report(java.util.function.Consumer<Map<String, Object>> to) {
        lock.lock();
        try {
            to.accept(detailedLocked());
        } finally {
            lock.unlock();
        }
    }

    private Map<String, Object> detailedLocked() {
        if (!(input instanceof TaskInput.Stateless stateless)) {
            throw new IllegalStateException("Only tasks of the tasks extension have a detailed form");
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskId", id);
        task.put("status", status);
        if (statusMessage != null) {
            task.put("statusMessage", statusMessage);
        }
        task.put("createdAt", iso(createdAt));
        task.put("lastUpdatedAt", iso(updatedAt));
        task.put("ttlMs", ttl.toMillis());
        task.put("pollIntervalMs", Tasks.POLL_INTERVAL.toMillis());
        switch (status) {
            case INPUT_REQUIRED -> task.put("inputRequests", stateless.outstanding());
            case COMPLETED -> task.put("result", result);
            case FAILED -> task.put("error", error.toError());
            case WORKING, CANCELLED -> { }
        }
        return task;
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    boolean working() {
        lock.lock();
        try {
            return live();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the task before returning (2025-11-25 {@code tasks/cancel}: {@code -32602} if it is
     * already terminal; the extension's cooperative cancel: nothing to do then), then interrupts its work.
     */
    void cancel() {
        Thread worker;
        lock.lock();
        try {
            if (gone) {
                throw Tasks.notFound();
            }
            if (status.terminal()) {
                if (caller.modern()) {
                    return;
                }
                throw RpcException.invalidParams("Cannot cancel task: already in terminal status '" + status + "'");
            }
            transition(TaskStatus.CANCELLED, "The task was cancelled by request.");
            worker = thread;
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Extension {@code tasks/update}: answers to the questions the task waits on; others are ignored. */
    void update(ObjectNode responses) {
        if (!(input instanceof TaskInput.Stateless stateless)) {
            throw new IllegalStateException("tasks/update is for tasks of the stateless era");
        }
        stateless.answer(responses);
    }

    /**
     * 2025-11-25 {@code tasks/result}: waits, on the calling request's thread, until the task is
     * terminal, then returns exactly what the tools/call would have answered, tagged with the task.
     */
    ObjectNode awaitResult() throws InterruptedException {
        lock.lock();
        try {
            ((TaskInput.Handshake) input).collecting(+1);
            try {
                while (live()) {
                    changed.await();
                }
            } finally {
                ((TaskInput.Handshake) input).collecting(-1);
            }
            if (gone) {
                throw Tasks.notFound();
            }
            if (status == TaskStatus.CANCELLED) {
                throw RpcException.invalidParams("The task was cancelled before it produced a result");
            }
            if (error != null) {
                throw error;
            }
            ObjectNode tagged = result.deepCopy();
            tagged.withObject("_meta").set(Task.RELATED, Json.object().put("taskId", id));
            return tagged;
        } finally {
            lock.unlock();
        }
    }

    /** The ttl has passed, or the session is closing: the task is forgotten and its work stopped. */
    void expire() {
        Thread worker;
        lock.lock();
        try {
            gone = true;
            worker = thread;
            if (expiry != null) {
                expiry.cancel();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Requests to the client from the task's tool: see {@link TaskInput}. */
    @Override
    public ClientChannel client() {
        return input;
    }
}
