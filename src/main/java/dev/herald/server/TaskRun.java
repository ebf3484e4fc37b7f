package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.ClientRequestException;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.notify.Scheduler;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Content;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.Methods;
import dev.herald.protocol.Task;
import dev.herald.protocol.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.Condition;

/**
 * One task-augmented {@code tools/call} (2025-11-25): its status, its outcome, and the context its
 * tool runs in. The tool runs on the task's own virtual thread; {@code tasks/get},
 * {@code tasks/result} and {@code tasks/cancel} reach it from their calls' threads, expiry from
 * the scheduler's. One lock guards the status, so status notifications, progress and the outcome
 * leave in the order the transitions happened, and nothing more is sent once the task is terminal.
 */
final class TaskRun extends Scope {
    static final String WORKING_MESSAGE = "The operation is now in progress.";

    final String id;
    final long sequence;
    private final Scheduler clock;
    private final Instant createdAt;
    private final Duration ttl;
    private final ToolEntry tool;
    private final ObjectNode arguments;
    private final Condition changed = lock.newCondition();
    private TaskStatus status = TaskStatus.WORKING;
    private String statusMessage = WORKING_MESSAGE;
    private Instant updatedAt;
    private ObjectNode result;
    private RpcException error;
    private boolean gone;
    private int collectors;
    private int questionsOpen;
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
            if (status.terminal() || gone) {
                return; // cancelled before it started
            }
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            CallToolResult outcome = session.server().tools().call(tool, arguments, this);
            boolean failed = Boolean.TRUE.equals(outcome.isError());
            finish(failed ? TaskStatus.FAILED : TaskStatus.COMPLETED, session.codec().mapper().valueToTree(outcome), null,
                    failed ? "Tool execution failed: " + firstText(outcome) : null);
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
            if (status.terminal() || gone) {
                return; // a cancelled task stays cancelled, whatever the work did afterwards
            }
            this.result = result;
            this.error = error;
            transition(outcome, message);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: moves to {@code next}, tells the client, and wakes everyone waiting on the task. */
    private void transition(TaskStatus next, String message) {
        status = next;
        statusMessage = message;
        updatedAt = clock.now();
        session.notifier().send(Methods.NOTIFICATIONS_TASKS_STATUS, snapshotLocked());
        changed.signalAll();
    }

    /** The task as the client sees it now. */
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

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    boolean working() {
        lock.lock();
        try {
            return !status.terminal();
        } finally {
            lock.unlock();
        }
    }

    /** {@code tasks/cancel}: the task is cancelled before this returns, then its work is interrupted. */
    Task cancel() {
        Thread worker;
        Task cancelled;
        lock.lock();
        try {
            if (gone) {
                throw Tasks.notFound();
            }
            if (status.terminal()) {
                throw RpcException.invalidParams("Cannot cancel task: already in terminal status '" + status + "'");
            }
            transition(TaskStatus.CANCELLED, "The task was cancelled by request.");
            worker = thread;
            cancelled = snapshotLocked();
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            worker.interrupt();
        }
        return cancelled;
    }

    /**
     * {@code tasks/result}: waits, on the calling request's thread, until the task is terminal,
     * then returns exactly what the tools/call would have answered, tagged with the task.
     */
    ObjectNode awaitResult() throws InterruptedException {
        lock.lock();
        try {
            collectors++;
            changed.signalAll(); // a question waiting for a collector may go out now
            try {
                while (!status.terminal() && !gone) {
                    changed.await();
                }
            } finally {
                collectors--;
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

    // RequestContext: what the task's tool may do, beyond what every Scope offers.

    @Override
    boolean live() {
        return !status.terminal() && !gone;
    }

    @Override
    public ClientChannel client() {
        return taskChannel;
    }

    /**
     * Requests to the client from a task: the task moves to {@code input_required}, the request
     * waits until the client calls {@code tasks/result} (which is how it learns there is a
     * question), goes out tagged with the task, and the task returns to {@code working}.
     */
    private final ClientChannel taskChannel = new ClientChannel() {
        @Override
        public Implementation info() {
            return session.client().info();
        }

        @Override
        public JsonNode capabilities() {
            return session.client().capabilities();
        }

        @Override
        public JsonNode request(String method, Object params, Duration timeout) throws ClientRequestException, InterruptedException {
            String refusal = session.outgoing().refusal(method, params);
            if (refusal != null) {
                throw new ClientRequestException(ClientRequestException.Reason.UNSUPPORTED, null, refusal);
            }
            awaitCollector(method, timeout);
            try {
                ObjectNode tagged = params == null ? Json.object() : session.codec().mapper().valueToTree(params);
                tagged.withObject("_meta").set(Task.RELATED, Json.object().put("taskId", id));
                return session.outgoing().request(method, tagged, timeout);
            } finally {
                answered();
            }
        }
    };

    private void awaitCollector(String method, Duration timeout) throws ClientRequestException, InterruptedException {
        lock.lock();
        try {
            questionsOpen++;
            if (status == TaskStatus.WORKING) {
                transition(TaskStatus.INPUT_REQUIRED, "Waiting for the client to answer " + method + "; call tasks/result to receive it.");
            }
            long left = timeout.toNanos();
            while (collectors == 0) {
                if (left <= 0) {
                    answeredLocked();
                    throw new ClientRequestException(ClientRequestException.Reason.TIMEOUT, null,
                            "No tasks/result call came to collect the " + method + " request within " + timeout.toSeconds() + " s");
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            answeredLocked();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void answered() {
        lock.lock();
        try {
            answeredLocked();
        } finally {
            lock.unlock();
        }
    }

    private void answeredLocked() {
        if (--questionsOpen == 0 && status == TaskStatus.INPUT_REQUIRED && !gone) {
            transition(TaskStatus.WORKING, WORKING_MESSAGE);
        }
    }
}
