package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.InvalidEventException;
import dev.herald.event.Priority;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * {@code herald run [--topic T] [--title T] [--to INBOX]... -- COMMAND [ARGS...]}: runs the command,
 * then publishes "`COMMAND` finished with exit N after 3m12s" (high priority unless N is 0) with the
 * last 20 lines of its output in {@code data}, and exits with the command's status. Standard input
 * is inherited; standard output and error go through pipes, copied byte for byte to ours as they
 * come by two platform threads that also keep the tail (so the command sees pipes, not a terminal).
 * The command stays in this process group, so Ctrl-C reaches it; this process ignores SIGINT while
 * it runs and passes SIGTERM on, so it is there to report the end. Runs on the main thread.
 */
final class RunCommand {
    static final int TAIL_LINES = 20;
    static final String DEFAULT_TOPIC = "run";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private static final String[] SIGNALS = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM"};

    private RunCommand() {
        throw new AssertionError();
    }

    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) throws CliException {
        int dash = Arrays.asList(argv).indexOf("--");
        if (dash < 0 || dash == argv.length - 1) {
            throw CliException.usage("give the command after --: herald run [--topic T] [--title T] [--to INBOX] -- COMMAND [ARGS...]");
        }
        Args args = Args.parse(Arrays.copyOfRange(argv, 0, dash), 1, Set.of("--topic", "--title", "--to"), Set.of());
        if (!args.words.isEmpty()) {
            throw CliException.usage("unexpected " + args.words.get(0) + " before --");
        }
        String topic = args.one("--topic") == null ? DEFAULT_TOPIC : args.one("--topic");
        draft(topic, args, Priority.NORMAL, "check", null); // a bad topic or inbox is told now, not after a long run
        List<String> command = List.of(argv).subList(dash + 1, argv.length);
        Tail tail = new Tail(TAIL_LINES);
        long started = System.nanoTime();
        AtomicReference<Process> running = new AtomicReference<>();
        onSignals(running); // before the command starts: a Ctrl-C at once must not end this process first
        Process child;
        try {
            child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            err.println("herald run: cannot start " + command.get(0) + ": " + e.getMessage());
            return 127;
        }
        running.set(child);
        Thread copyOut = copy(child.getInputStream(), out, tail.feed(), "herald-run-stdout");
        Thread copyErr = copy(child.getErrorStream(), err, tail.feed(), "herald-run-stderr");
        int status = waitFor(child);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        join(copyOut);
        join(copyErr); // the output of a command is all read before its tail is taken
        String shown = shown(command);
        int signal = status > 128 && status <= 128 + 64 ? status - 128 : 0;
        String body = signal > 0
                ? "`" + shown + "` was killed by signal " + signal + signalName(signal) + " (exit " + status + ") after " + format(took)
                : "`" + shown + "` finished with exit " + status + " after " + format(took);
        ObjectNode data = Json.object();
        command.stream().limit(32).map(a -> clip(a, 128)).forEach(data.putArray("command")::add);
        data.put("exit", status);
        if (signal > 0) {
            data.put("signal", signal);
        }
        data.put("durationMs", took.toMillis());
        data.put("cwd", System.getProperty("user.dir"));
        tail.lines().forEach(data.putArray("tail")::add);
        Priority priority = status == 0 ? Priority.NORMAL : Priority.HIGH;
        Draft draft;
        try {
            draft = Draft.of(topic, priority, args.one("--title"), body, data, args.all("--to"), null);
        } catch (InvalidEventException e) { // the tail broke a rule of data (its size): the event goes without it
            draft = draft(topic, args, priority, body, null);
        }
        publish(draft, err, env);
        return status;
    }

    private static Draft draft(String topic, Args args, Priority priority, String body, ObjectNode data) throws CliException {
        try {
            return Draft.of(topic, priority, args.one("--title"), body, data, args.all("--to"), null);
        } catch (InvalidEventException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** Through the hub like {@code herald send}; a failure is told on standard error and changes nothing in the exit status. */
    private static void publish(Draft draft, PrintStream err, Map<String, String> env) {
        ObjectNode p = Json.object();
        p.set("event", SendCommand.wire(draft));
        p.put("nonce", UUID.randomUUID().toString());
        try (HubSession hub = HubSession.open(env, e -> { })) {
            JsonNode stored = hub.request(HubMethods.PUBLISH, p);
            err.println("herald run: " + draft.body() + " (event " + stored.path("id").asText() + ")");
        } catch (CliException e) {
            err.println("herald run: " + draft.body() + "; the event was not published: " + e.getMessage());
        }
    }

    private static void onSignals(AtomicReference<Process> child) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> { }); // the terminal sent it to the command as well
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> { // SIGTERM for the command too
                Process p = child.get();
                if (p != null) {
                    p.destroy();
                }
            });
        } catch (LinkageError | IllegalArgumentException e) {
            // signals cannot be handled here: the default applies
        }
    }

    private static Thread copy(InputStream from, OutputStream to, Tail.Feed feed, String name) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            byte[] buf = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buf)) >= 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                    feed.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the command's end of the pipe closed
            } finally {
                feed.end();
            }
        });
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the command decides when it ends
            }
        }
    }

    /** Waits for a copying thread; a background child of the command may hold the pipe open, so not for ever. */
    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String shown(List<String> command) {
        StringBuilder b = new StringBuilder();
        for (String arg : command) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return clip(b.toString().replace('`', '\'').replaceAll("\\s", " "), 200);
    }

    /** At most {@code max} characters, never half a surrogate pair. */
    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }

    private static String signalName(int n) {
        return n < SIGNALS.length ? " (SIG" + SIGNALS[n] + ")" : "";
    }

    /** 0.4s, 12s, 3m12s, 1h04m09s. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + String.format("%02d", s % 60) + "s";
        }
        return s / 3600 + "h" + String.format("%02dm%02ds", s / 60 % 60, s % 60);
    }
}
