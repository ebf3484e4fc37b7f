package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.ClientRequestException;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.Task;
import dev.herald.protocol.TaskStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests to the client from a task's tool. While one is open the task is {@code input_required};
 * when it is answered the task is {@code working} again. How the question travels depends on the
 * era. The tool's thread asks; the threads of task requests answer; the task's lock guards both.
 */
abstract sealed class TaskInput implements ClientChannel {
    final TaskRun task;
    private int open;

    TaskInput(TaskRun task) {
        this.task = task;
    }

    @Override
    public Implementation info() {
        return task.caller.info();
    }

    @Override
    public JsonNode capabilities() {
        return task.caller.capabilities();
    }

    /** Under the task's lock: a question is open; the first one moves the task to input_required. */
    void opened(String reason) {
        if (open++ == 0 && task.status() == TaskStatus.WORKING) {
            task.transition(TaskStatus.INPUT_REQUIRED, reason);
        }
    }

    /** Under the task's lock: a question is settled; the last one moves the task back to working. */
    void closed() {
        if (--open == 0 && task.live() && task.status() == TaskStatus.INPUT_REQUIRED) {
            task.transition(TaskStatus.WORKING, TaskRun.WORKING_MESSAGE);
        }
    }

    /**
     * 2025-11-25: the request goes out to the client, tagged with the task, once the client calls
     * {@code tasks/result}, which is how it learns there is a question (tasks.mdx, "Input Required").
     */
    static final class Handshake extends TaskInput {
        private int collectors;

        Handshake(TaskRun task) {
            super(task);
        }

        /** Under the task's lock: a {@code tasks/result} starts or stops waiting; a question waiting for one may go out. */
        void collecting(int delta) {
            collectors += delta;
            task.changed.signalAll();
        }

        @Override
        public JsonNode request(String method, Object params, Duration timeout) throws ClientRequestException, InterruptedException {
            String refusal = task.session.outgoing().refusal(method, params);
            if (refusal != null) {
                throw new ClientRequestException(ClientRequestException.Reason.UNSUPPORTED, null, refusal);
            }
            awaitCollector(method, timeout);
            try {
                ObjectNode tagged = params == null ? Json.object() : Json.shared().valueToTree(params);
                tagged.withObject("_meta").set(Task.RELATED, Json.object().put("taskId", task.id));
                return task.session.outgoing().request(method, tagged, timeout);
            } finally {
                task.lock.lock();
                try {
                    closed();
                } finally {
                    task.lock.unlock();
                }
            }
        }

        private void awaitCollector(String method, Duration timeout) throws ClientRequestException, InterruptedException {
            task.lock.lock();
            try {
                opened("Waiting for the client to answer " + method + "; call tasks/result to receive it.");
                long left = timeout.toNanos();
                while (collectors == 0) {
                    if (left <= 0) {
                        closed();
                        throw new ClientRequestException(ClientRequestException.Reason.TIMEOUT, null,
                                "No tasks/result call came to collect the " + method + " request within " + timeout.toSeconds() + " s");
                    }
                    left = task.changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                closed();
                throw e;
            } finally {
                task.lock.unlock();
            }
        }
    }

    /**
     * The tasks extension (2026-07-28): the question is listed in the task's {@code inputRequests}
     * (in {@code tasks/get} and on listen streams) under a key used once in the task's life, and
     * answered by {@code tasks/update}. The tool waits until then, or until the task ends.
     */
    static final class Stateless extends TaskInput {
        private final Map<String, Object> outstanding = new LinkedHashMap<>();
        private final Map<String, JsonNode> answers = new HashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();

        Stateless(TaskRun task) {
            super(task);
        }

        @Override
        public JsonNode request(String method, Object params, Duration timeout) throws ClientRequestException, InterruptedException {
            ObjectNode body = params == null ? null : Json.shared().valueToTree(params);
            String capability = InputRounds.requireCapability(task.caller, method, body);
            task.lock.lock();
            try {
                String key = capability + "-" + counts.merge(capability, 1, Integer::sum);
                outstanding.put(key, InputRounds.inputRequest(method, body));
                opened("Waiting for the client to answer " + method + " (key " + key + "); send the answer with tasks/update.");
                try {
                    long left = timeout.toNanos();
                    while (!answers.containsKey(key)) {
                        if (left <= 0) {
                            throw new ClientRequestException(ClientRequestException.Reason.TIMEOUT, null,
                                    "No tasks/update answered " + key + " (" + method + ") within " + timeout.toSeconds() + " s");
                        }
                        left = task.changed.awaitNanos(left); // cancel and expiry interrupt
                    }
                    return answers.remove(key);
                } finally {
                    outstanding.remove(key);
                    closed();
                }
            } finally {
                task.lock.unlock();
            }
        }

        /** Under the task's lock: the questions not yet answered, by key. */
        Map<String, Object> outstanding() {
            return new LinkedHashMap<>(outstanding);
        }

        /** {@code tasks/update}: takes the answers to outstanding keys and ignores the rest. */
        void answer(ObjectNode responses) {
            task.lock.lock();
            try {
                responses.properties().forEach(e -> {
                    if (outstanding.containsKey(e.getKey()) && e.getValue().isObject()) {
                        answers.put(e.getKey(), e.getValue());
                    }
                });
                task.changed.signalAll();
            } finally {
                task.lock.unlock();
            }
        }
    }
}
