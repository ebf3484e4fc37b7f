package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A temporary {@code HERALD_HOME} and the real launcher (the packaged jar) run in it: stdio
 * sessions, CLI commands, a dedicated hub. Closing kills every process it started and removes the
 * directory. Used from one test thread.
 */
public final class HubFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(20);

    /** What a finished command printed. */
    public record Result(int exit, String out, String err) {}

    private final Path home;
    private final List<ServerProcess> started = new ArrayList<>();

    public HubFixture() throws IOException {
        this.home = Files.createTempDirectory("herald-hub-test");
    }

    public Path home() {
        return home;
    }

    /** A stdio session with inbox {@code inbox}, initialized as client {@code client}; returns once initialized. */
    public ServerProcess session(String inbox, String client, String... extra) throws IOException, InterruptedException {
        return session(inbox, client, null, extra);
    }

    /** As above; {@code initialized}, when not null, receives the initialize result. */
    public ServerProcess session(String inbox, String client, java.util.function.Consumer<JsonNode> initialized, String... extra)
            throws IOException, InterruptedException {
        return start(inbox, client, "{}", initialized, extra);
    }

    /** A session whose client declares these {@code capabilities} (JSON) in initialize. */
    public ServerProcess sessionWith(String inbox, String client, String capabilities, String... extra)
            throws IOException, InterruptedException {
        return start(inbox, client, capabilities, null, extra);
    }

    private ServerProcess start(String inbox, String client, String capabilities, java.util.function.Consumer<JsonNode> initialized,
            String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--inbox", inbox));
        args.addAll(List.of(extra));
        ServerProcess p = launch(args);
        p.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"" + client + "\",\"version\":\"1\"}}}");
        String first = p.line(WAIT);
        if (!first.contains("\"id\":0")) {
            throw new AssertionError("no initialize result: " + first);
        }
        if (initialized != null) {
            initialized.accept(JSON.readTree(first));
        }
        p.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return p;
    }

    /** The launcher with these arguments, in this fixture's HERALD_HOME. */
    public ServerProcess launch(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HERALD_HOME", home.toString());
        ServerProcess p = ServerProcess.start(builder);
        started.add(p);
        return p;
    }

    /** Runs a CLI command to its end. */
    public Result cli(String... args) throws IOException, InterruptedException {
        return cliWithInput(null, args);
    }

    public Result cliWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HERALD_HOME", home.toString());
        Process p = builder.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("herald " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Publishes with {@code herald send}; returns the event id (fails unless exit 0). */
    public String send(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("send"));
        all.addAll(List.of(args));
        Result r = cli(all.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new AssertionError("herald send failed (" + r.exit() + "): " + r.err());
        }
        return r.out().lines().findFirst().orElseThrow();
    }

    /** The next line on the session's stdout that is an event log message matching {@code wanted}; skips others. */
    public static JsonNode nextEvent(ServerProcess session, Predicate<JsonNode> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode line = JSON.readTree(session.line(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
            if ("notifications/message".equals(line.path("method").asText())
                    && line.path("params").path("logger").asText().startsWith("event/")
                    && wanted.test(line.path("params").path("data"))) {
                return line;
            }
        }
        throw new AssertionError("no matching event within " + WAIT);
    }

    /** Waits until the hub lists {@code n} sessions that have told it their client. */
    public void awaitSessions(int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Result r = cli("sessions", "--json");
            if (r.exit() == 0) {
                int ready = 0;
                for (JsonNode s : JSON.readTree(r.out())) {
                    ready += s.path("client").path("name").isTextual() ? 1 : 0;
                }
                if (ready >= n) {
                    return;
                }
            }
        }
        throw new AssertionError("fewer than " + n + " sessions attached");
    }

    /** The next line on the session's stdout whose method is {@code method}; fails on any line {@code forbidden} matches first. */
    public static JsonNode next(ServerProcess session, String method, Predicate<JsonNode> forbidden) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode line = JSON.readTree(session.line(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
            if (forbidden.test(line)) {
                throw new AssertionError("unexpected line: " + line);
            }
            if (method.equals(line.path("method").asText())) {
                return line;
            }
        }
        throw new AssertionError("no " + method + " within " + WAIT);
    }

    @Override
    public void close() throws IOException {
        for (ServerProcess p : started) {
            p.close();
        }
        for (ServerProcess p : started) {
            try {
                p.process().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(home)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
        }
    }
}
