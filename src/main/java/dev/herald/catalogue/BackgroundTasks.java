package dev.herald.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.TemplateEntry;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * start_background_task, list_background_tasks, cancel_background_task and the
 * {@code herald://tasks/{id}} resources. Ticks run on the scheduler thread: each sends a log
 * message to the session that started the task and a resources/updated to the task's subscribers.
 */
final class BackgroundTasks {
    static final int MAX_RUNNING = 16;
    static final int MAX_KEPT = 100;

    private final Server server;
    private final AtomicLong nextId = new AtomicLong(1);
    private final ReentrantLock startLock = new ReentrantLock();
    private final Map<String, BackgroundTask> tasks = new ConcurrentSkipListMap<>(BackgroundTasks::byNumber);

    private BackgroundTasks(Server server) {
        this.server = server;
    }

    static BackgroundTasks install(Server server) {
        BackgroundTasks bt = new BackgroundTasks(server);
        var tools = server.tools().registry();
        tools.put("start_background_task", new ToolEntry(new Tool("start_background_task", "Start a background task",
                "Starts a task that runs after this call returns: every interval_ms it sends a log message (logger task/<id>) "
                        + "and updates the resource herald://tasks/<id>, then sends a completion message. Returns the task id at once. "
                        + "Tasks end when Herald exits.",
                Schema.object()
                        .string("name", "A label for the task", 64, true)
                        .integer("ticks", "How many ticks to run (1 to 10,000)", 1, 10_000, 10L)
                        .integer("interval_ms", "Milliseconds between ticks (10 to 3,600,000)", 10, 3_600_000, 1000L)
                        .build(),
                null, ToolAnnotations.additive("Start a background task")).withTaskSupport(Tool.TaskSupport.OPTIONAL),
                bt::start, true));
        tools.put("list_background_tasks", new ToolEntry(new Tool("list_background_tasks", "List background tasks",
                "Lists the background tasks, running and finished, with their progress.",
                Schema.object().build(), null, ToolAnnotations.readOnly("List background tasks")), bt::list, true));
        tools.put("cancel_background_task", new ToolEntry(new Tool("cancel_background_task", "Cancel a background task",
                "Stops a running background task; it sends a cancellation log message and a last resource update.",
                Schema.object().string("id", "The task id from start_background_task", 64, true).build(), null,
                new ToolAnnotations("Cancel a background task", false, true, true, false)), bt::cancel, true));
        server.resources().templates().put("herald://tasks/{id}", new TemplateEntry(
                new ResourceTemplate("herald://tasks/{id}", "background-task", "Background task",
                        "The state of one background task as JSON; subscribe to follow its ticks.", "application/json"),
                (uri, vars) -> bt.read(uri, vars.get("id")),
                Map.of("id", (prefix, context) -> bt.tasks.keySet().stream().filter(id -> id.startsWith(prefix)).toList())));
        return bt;
    }

    private static int byNumber(String a, String b) {
        int c = Integer.compare(a.length(), b.length());
        return c != 0 ? c : a.compareTo(b);
    }

    private CallToolResult start(RequestContext ctx, ObjectNode args) throws ToolException {
        BackgroundTask task;
        startLock.lock(); // the count check and the start are one step, or concurrent starts pass the limit
        try {
            long running = tasks.values().stream().filter(t -> t.status() == BackgroundTask.Status.RUNNING).count();
            if (running >= MAX_RUNNING) {
                throw new ToolException("Too many background tasks running (" + MAX_RUNNING + "); cancel one first.");
            }
            String id = "task-" + nextId.getAndIncrement();
            task = new BackgroundTask(id, args.get("name").textValue(), args.get("ticks").intValue(),
                    args.get("interval_ms").longValue(), server.scheduler().now(), ctx.session().notifier());
            BackgroundTask started = task;
            task.job = server.scheduler().every(Duration.ofMillis(task.intervalMs), () -> tick(started));
            tasks.put(id, task); // published with its job, so a cancel always finds one to stop
            forgetOldest();
        } finally {
            startLock.unlock();
        }
        return CallToolResult.structured("Started background task " + task.id + " (" + task.name + "): " + task.ticks
                + (task.ticks == 1 ? " tick every " : " ticks every ") + task.intervalMs + " ms. Subscribe to " + task.uri()
                + " to follow it.", task.toJson());
    }

    private void tick(BackgroundTask task) {
        if (task.status() != BackgroundTask.Status.RUNNING) {
            return;
        }
        task.tick++;
        task.log(LogLevel.INFO, task.name + ": tick " + task.tick + " of " + task.ticks);
        if (task.tick >= task.ticks) {
            finish(task, BackgroundTask.Status.COMPLETED, task.name + ": completed after " + task.ticks + (task.ticks == 1 ? " tick" : " ticks"));
        } else {
            server.resourceUpdated(task.uri());
        }
    }

    /** Moves a running task to its end state once, whoever gets there first (last tick or cancel). */
    private boolean finish(BackgroundTask task, BackgroundTask.Status status, String message) {
        if (!task.finish(status, server.scheduler().now())) {
            return false;
        }
        task.job.cancel();
        task.log(LogLevel.NOTICE, message);
        server.resourceUpdated(task.uri());
        return true;
    }

    /** Every kept task as JSON, oldest first. */
    List<Map<String, Object>> snapshot() {
        return tasks.values().stream().map(BackgroundTask::toJson).toList();
    }

    private CallToolResult list(RequestContext ctx, ObjectNode args) {
        List<Map<String, Object>> all = snapshot();
        String text = all.isEmpty() ? "No background tasks." : JsonText.of(all);
        return CallToolResult.structured(text, Map.of("tasks", all));
    }

    private CallToolResult cancel(RequestContext ctx, ObjectNode args) throws ToolException {
        String id = args.get("id").textValue();
        BackgroundTask task = tasks.get(id);
        if (task == null) {
            throw new ToolException("No background task " + id + ". list_background_tasks shows the ids.");
        }
        if (!finish(task, BackgroundTask.Status.CANCELLED, task.name + ": cancelled at tick " + task.tick + " of " + task.ticks)) {
            throw new ToolException("Background task " + id + " is already " + task.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        return CallToolResult.structured("Cancelled background task " + id + " at tick " + task.tick + ".", task.toJson());
    }

    private ResourceContents read(String uri, String id) {
        BackgroundTask task = tasks.get(id);
        return task == null ? null : ResourceContents.text(uri, "application/json", JsonText.of(task.toJson()));
    }

    /** Keeps memory bounded: drops the oldest finished tasks beyond {@value #MAX_KEPT}. */
    private void forgetOldest() {
        for (var it = tasks.values().iterator(); tasks.size() > MAX_KEPT && it.hasNext(); ) {
            if (it.next().status() != BackgroundTask.Status.RUNNING) {
                it.remove();
            }
        }
    }
}
