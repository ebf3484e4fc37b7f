package dev.herald.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server child: buffered stdin, {@link Lines} on stdout, stderr tail; main thread (bench-writer, bench-stderr, watchdog too). */
final class Child implements AutoCloseable {
    private static final byte[] REQUEST_HEAD = Bytes.bytes("{\"jsonrpc\":\"2.0\",\"id\":");

    final Process process;
    final long spawnedAt;
    final Lines lines;
    private final OutputStream stdin;
    final StdinPipe pipe;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrDrain;
    private final Watchdog watchdog;
    private final byte[] digits = new byte[20];
    private volatile String phase = "spawn";
    private String firstWarning;
    volatile String killedBecause;
    private boolean closed;

    private Child(Process process, long spawnedAt, Watchdog watchdog) {
        this.process = process;
        this.spawnedAt = spawnedAt;
        this.watchdog = watchdog;
        this.pipe = new StdinPipe(process.getOutputStream());
        this.stdin = new BufferedOutputStream(pipe, 64 * 1024);
        this.lines = new Lines(process.getInputStream());
        this.stderrDrain = Thread.ofPlatform().daemon().name("bench-stderr").start(this::drainStderr);
        watchdog.watch(this);
    }

    static Child spawn(List<String> command, Watchdog watchdog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Each child joins a hub of its own, never the user's (~/.local/state/herald); a session is measured with its hub.
        builder.environment().put("HERALD_HOME", java.nio.file.Files.createTempDirectory("herald-bench").toString());
        long t0 = System.nanoTime();
        Process p = builder.start();
        return new Child(p, t0, watchdog);
    }

    void phase(String name) {
        phase = name;
    }

    String phase() {
        return phase;
    }

    void write(byte[] bytes) throws IOException {
        stdin.write(bytes);
    }

    /** Writes {@code {"jsonrpc":"2.0","id":<id>} + tail}; {@code tail} starts with the comma. */
    void writeRequest(long id, byte[] tail) throws IOException {
        stdin.write(REQUEST_HEAD);
        int n = Bytes.digits(id, digits);
        stdin.write(digits, digits.length - n, n);
        stdin.write(tail);
    }

    void flush() throws IOException {
        stdin.flush();
    }

    /** Reads until the response with {@code id}; notifications are skipped, anything else fails. */
    void awaitResponse(long id) throws IOException, BenchFailure {
        while (true) {
            if (!lines.next()) {
                throw eof("waiting for the response to id " + id);
            }
            long got = lines.responseId();
            if (got == Lines.NOT_A_RESPONSE) {
                continue;
            }
            if (got != id) {
                throw new BenchFailure(phase + ": unexpected response " + lines.text(300) + " (waiting for id " + id + ")");
            }
            if (!lines.isResult()) {
                throw new BenchFailure(phase + ": error response " + lines.text(300));
            }
            return;
        }
    }

    BenchFailure eof(String what) {
        String why = killedBecause;
        if (why != null) {
            return new BenchFailure(why + "; " + what);
        }
        String exit = "";
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                exit = " (exit status " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new BenchFailure(phase + ": unexpected end of output" + exit + "; " + what);
    }

    /** Sum of a /proc/PID/status field ({@code "VmHWM:"}, {@code "VmRSS:"}) over the process and its descendants, KiB. */
    long statusKiB(String field) {
        long total = 0;
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        for (ProcessHandle h : tree) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith(field)) {
                        total += Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
        }
        return total;
    }

    /** Closes stdin and times until the process has exited; stdout is drained meanwhile. */
    double closeAndWait(int timeoutSeconds) throws BenchFailure {
        long[] extra = new long[1];
        Thread drain = Thread.ofPlatform().daemon().name("bench-stdout-drain").unstarted(() -> {
            try {
                while (lines.next()) {
                    extra[0]++;
                }
            } catch (IOException e) {
                // closed
            }
        });
        double ms = closeAndWait(timeoutSeconds, drain);
        if (extra[0] > 0) {
            System.err.println("bench: note: " + extra[0] + " output lines after stdin close");
        }
        return ms;
    }

    /** Closes stdin and times until the process has exited; {@code reader} (started here unless running) reads stdout meanwhile. */
    double closeAndWait(int timeoutSeconds, Thread reader) throws BenchFailure {
        phase = "stdin close → exit";
        watchdog.unwatch(this);
        long t0;
        try {
            closed = true;
            if (reader.getState() == Thread.State.NEW) {
                reader.start();
            }
            t0 = System.nanoTime();
            stdin.close();
        } catch (IOException e) {
            throw new BenchFailure("closing stdin failed: " + e);
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new BenchFailure("did not exit within " + timeoutSeconds + " s of stdin close");
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            reader.join(5000);
            if (process.exitValue() != 0) {
                System.err.println("bench: note: exit status " + process.exitValue());
            }
            stderrDrain.join(2000);
            String warning = firstWarning();
            if (warning != null) {
                System.err.println("bench: note: the child logged a warning or error: " + warning);
            }
            return ms;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] b = new byte[8192];
            StringBuilder line = new StringBuilder();
            for (int n; (n = err.read(b)) > 0; ) {
                String s = new String(b, 0, n, StandardCharsets.UTF_8);
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '\n') {
                        keep(line.toString());
                        line.setLength(0);
                    } else if (line.length() < 2000) {
                        line.append(ch);
                    }
                }
            }
            if (!line.isEmpty()) {
                keep(line.toString());
            }
        } catch (IOException e) {
            // process gone
        }
    }

    private synchronized void keep(String line) {
        if (firstWarning == null && (line.contains("WARN") || line.contains("ERROR") || line.contains("Exception"))) {
            firstWarning = line;
        }
        stderrTail.addLast(line);
        if (stderrTail.size() > 20) {
            stderrTail.removeFirst();
        }
    }

    synchronized String firstWarning() {
        return firstWarning;
    }

    synchronized String stderrTail() {
        return String.join("\n", stderrTail);
    }

    @Override
    public void close() {
        watchdog.unwatch(this);
        if (!closed) {
            try {
                stdin.close();
            } catch (IOException e) {
                // ignore
            }
        }
        if (process.isAlive()) {
            kill();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            stderrDrain.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
