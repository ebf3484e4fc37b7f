package dev.herald.bench;

import dev.herald.hub.HeraldHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The child processes of {@link HubBench}: Herald commands with {@code HERALD_HOME} set, timed
 * commands, the dedicated hub under {@code timeout}, and what /proc says of the hub's JVM. Every
 * child is tracked and killed at exit; main thread (the hub's stdout drain on a thread of its own).
 */
final class HubChildren {
    private static final Set<Process> children = ConcurrentHashMap.newKeySet();

    private HubChildren() {
    }

    /** Kills every child still running when this JVM exits. */
    static void killAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        })));
    }

    /** {@code herald ARGS} with {@code HERALD_HOME=dir}, stderr to a file beside the home (read on failure). */
    static Process start(Path herald, HeraldHome home, String... args) throws IOException {
        return start(List.of(), herald, home.dir(), args);
    }

    static Process start(List<String> prefix, Path herald, Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(herald.toString());
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderrFile(dir).toFile()));
        b.environment().put("HERALD_HOME", dir.toString());
        String hubOpts = System.getProperty("hubbench.hubJavaOpts"); // for profiling the hub alone, e.g. -XX:StartFlightRecording=...
        if (hubOpts != null && args.length > 0 && args[0].equals("hub")) {
            b.environment().put("HERALD_JAVA_OPTS", hubOpts);
        }
        Process p = b.start();
        children.add(p);
        return p;
    }

    /** Start → exit of {@code herald ARGS} in ns; fails unless it exits 0 within 30 s. */
    static long timed(Path herald, HeraldHome home, String... args) throws IOException, BenchFailure, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(Stream.concat(Stream.of(herald.toString()), Stream.of(args)).toList())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("HERALD_HOME", home.dir().toString());
        long t0 = System.nanoTime();
        Process p = b.start();
        children.add(p);
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        long ns = System.nanoTime() - t0;
        children.remove(p);
        if (!exited) {
            p.destroyForcibly();
            throw new BenchFailure("herald " + String.join(" ", args) + " did not exit within 30 s");
        }
        if (p.exitValue() != 0) {
            throw new BenchFailure("herald " + String.join(" ", args) + " exited " + p.exitValue());
        }
        return ns;
    }

    /** Closes the child's stdin and waits for it to exit (killed after 10 s): ms from the close. */
    static double end(Process p, String what) throws InterruptedException, BenchFailure {
        long t0 = System.nanoTime();
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // gone already
        }
        boolean exited = p.waitFor(10, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.remove(p);
        if (!exited) {
            throw new BenchFailure(what + " did not exit within 10 s of stdin close");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** {@code timeout ... herald hub}, once it says it serves; {@code timeout} ends it should this JVM die without its hooks. */
    static Process startHub(HubBench.Settings s, Path dir) throws IOException, BenchFailure, InterruptedException {
        long limit = 120L + 2L * s.seconds() + s.latency() / 50 + s.fanout() / 10 + 2L * s.sends(); // a generous bound on one round
        Process p = start(List.of("timeout", "--kill-after=5", limit + "s"), s.herald(), dir, "hub", "--sender-rate", "1000000",
                "--sender-burst", "1000000");
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first;
        do {
            first = out.readLine(); // a JVM option may print a line before it
        } while (first != null && !first.startsWith("Herald hub for"));
        if (first == null) {
            stopHub(p);
            throw new BenchFailure("herald hub did not start: " + stderr(dir));
        }
        Thread.ofPlatform().daemon().name("bench-hub-stdout").start(() -> {
            try {
                while (out.readLine() != null) {
                    // drain
                }
            } catch (IOException e) {
                // exited
            }
        });
        return p;
    }

    static Path stderrFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".stderr");
    }

    static String stderr(Path dir) {
        try {
            return Files.readString(stderrFile(dir)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM to the hub's JVM (under {@code timeout}), then waits for both. */
    static void stopHub(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.remove(p);
    }

    /** The hub's JVM: the child of {@code timeout}. */
    static ProcessHandle hubJvm(Process timeout) throws IOException {
        return timeout.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
                .orElseThrow(() -> new IOException("the hub's JVM is gone"));
    }

    static long cpuNanos(ProcessHandle h) throws IOException {
        return h.info().totalCpuDuration().orElseThrow(() -> new IOException("no CPU time for pid " + h.pid())).toNanos();
    }

    /** A /proc/PID/status field of the hub's JVM, KiB. */
    static long statusKiB(Process timeout, String field) throws IOException {
        long pid = hubJvm(timeout).pid();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }
}
