package dev.herald.catalogue;

import dev.herald.notify.Notifier;
import dev.herald.notify.Scheduler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One background task of start_background_task. The scheduler thread advances its tick; any
 * thread reads it; the end state is set once, by a compare-and-set, by the last tick or a cancel.
 */
final class BackgroundTask {
    enum Status { RUNNING, COMPLETED, CANCELLED }

    final String id;
    final String name;
    final int ticks;
    final long intervalMs;
    final Instant started;
    /** Where its log messages go: the starting session's notifier, or null for a stateless client (no logs after a response). */
    private final Notifier notifier;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.RUNNING);
    volatile int tick;
    volatile Instant finished;
    volatile Scheduler.Job job;

    BackgroundTask(String id, String name, int ticks, long intervalMs, Instant started, Notifier notifier) {
        this.id = id;
        this.name = name;
        this.ticks = ticks;
        this.intervalMs = intervalMs;
        this.started = started;
        this.notifier = notifier;
    }

    Status status() {
        return status.get();
    }

    /** Ends the task; false if it had already ended. */
    boolean finish(Status end, Instant at) {
        if (!status.compareAndSet(Status.RUNNING, end)) {
            return false;
        }
        finished = at;
        return true;
    }

    String uri() {
        return "herald://tasks/" + id;
    }

    String logger() {
        return "task/" + id;
    }

    /** A log message from the task (logger {@code task/<id>}) to the session that started it, if it takes any. */
    void log(dev.herald.protocol.LogLevel level, String message) {
        if (notifier != null) {
            notifier.log(level, logger(), message);
        }
    }

    /** The JSON form used by the resource and list_background_tasks. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("status", status().name().toLowerCase(Locale.ROOT));
        json.put("tick", tick);
        json.put("ticks", ticks);
        json.put("intervalMs", intervalMs);
        json.put("uri", uri());
        json.put("startedAt", started.toString());
        if (finished != null) {
            json.put("finishedAt", finished.toString());
        }
        return json;
    }
}
