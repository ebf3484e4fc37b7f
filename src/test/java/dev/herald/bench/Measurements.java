package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The measurements of a startup and a load child process, adding to {@link Results}; main thread, plus bench-writer. */
final class Measurements {
    private static final byte[] INITIALIZE = bytes("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n");
    static final byte[] INITIALIZED = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
    private static final byte[] TOOLS_LIST_TAIL = bytes(",\"method\":\"tools/list\"}\n");
    private static final byte[] ECHO_TAIL = bytes(",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}\n");

    private final Options options;

    Measurements(Options options) {
        this.options = options;
    }

    /** Spawn → initialize → first tools/list; peak RSS; stdin close → exit. */
    void startup(Child c, Results results, String tag) throws IOException, BenchFailure {
        initialize(c);
        double initMs = (System.nanoTime() - c.spawnedAt) / 1e6;
        c.write(INITIALIZED);
        c.writeRequest(1, TOOLS_LIST_TAIL);
        c.flush();
        c.phase("tools/list");
        c.awaitResponse(1);
        double listMs = (System.nanoTime() - c.spawnedAt) / 1e6;
        double rss = c.statusKiB("VmHWM:") / 1024.0;
        double exitMs = c.closeAndWait(options.stallSeconds);
        results.add(Figure.SPAWN_INIT, initMs);
        results.add(Figure.SPAWN_LIST, listMs);
        results.add(Figure.STARTUP_RSS, rss);
        results.add(Figure.EXIT_IDLE, exitMs);
        System.err.printf(Locale.ROOT, "%s startup: initialize %.1f ms, tools/list %.1f ms, RSS %.1f MiB, exit %.1f ms%n",
                tag, initMs, listMs, rss, exitMs);
    }

    /** Sequential latency, pipelined throughput, progress rate, peak RSS, stdin close → exit. */
    void load(Child c, Results results, String tag) throws IOException, BenchFailure {
        initialize(c);
        c.write(INITIALIZED);
        c.flush();
        long id = 1;

        c.phase("sequential echo");
        long[] rtt = new long[options.sequential];
        for (int i = 0; i < options.warmup + options.sequential; i++) {
            long t0 = System.nanoTime();
            c.writeRequest(id, ECHO_TAIL);
            c.flush();
            c.awaitResponse(id);
            long t = System.nanoTime() - t0;
            if (i >= options.warmup) {
                rtt[i - options.warmup] = t;
            }
            id++;
        }
        Arrays.sort(rtt);
        double p50 = Results.percentile(rtt, 0.50) / 1e3;
        double p99 = Results.percentile(rtt, 0.99) / 1e3;
        results.add(Figure.SEQ_P50, p50);
        results.add(Figure.SEQ_P99, p99);

        c.phase("pipelined echo warm-up");
        int warm = options.pipelinedWarmup();
        pipelined(c, id, warm);
        id += warm;
        c.phase("pipelined echo");
        double rps = pipelined(c, id, options.requests);
        id += options.requests;
        results.add(Figure.PIPELINED, rps);

        c.phase("long_running_operation progress");
        double pps = progress(c, id);
        id++;
        results.add(Figure.PROGRESS, pps);

        double rss = c.statusKiB("VmHWM:") / 1024.0;
        results.add(Figure.PEAK_RSS, rss);
        double exitMs = c.closeAndWait(options.stallSeconds);
        results.add(Figure.EXIT_LOAD, exitMs);
        System.err.printf(Locale.ROOT, "%s load: p50 %.1f µs, p99 %.1f µs, pipelined %,.0f req/s, progress %,.0f/s, "
                + "peak RSS %.1f MiB, exit %.1f ms%n", tag, p50, p99, rps, pps, rss, exitMs);
    }

    /** Sends ids {@code first .. first+n-1} from a writer thread while reading; every id must come back once. */
    private static double pipelined(Child c, long first, int n) throws IOException, BenchFailure {
        boolean[] seen = new boolean[n];
        IOException[] writeFailure = new IOException[1];
        Thread writer = Thread.ofPlatform().name("bench-writer").start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    c.writeRequest(first + i, ECHO_TAIL);
                }
                c.flush();
            } catch (IOException e) {
                writeFailure[0] = e;
            }
        });
        long t0 = System.nanoTime();
        int received = 0;
        int otherLines = 0;
        Lines lines = c.lines;
        try {
            while (received < n) {
                if (!lines.next()) {
                    throw c.eof("pipelined: " + received + " of " + n + " responses received; missing ids "
                            + missing(seen, first, 10));
                }
                long id = lines.responseId();
                if (id == Lines.NOT_A_RESPONSE) {
                    otherLines++;
                    continue;
                }
                long k = id - first;
                if (id < 0 || k < 0 || k >= n) {
                    throw new BenchFailure("pipelined: unexpected response " + lines.text(300) + " (expected ids "
                            + first + ".." + (first + n - 1) + ")");
                }
                if (seen[(int) k]) {
                    throw new BenchFailure("pipelined: id " + id + " answered twice: " + lines.text(300));
                }
                if (!lines.isResult()) {
                    throw new BenchFailure("pipelined: error response " + lines.text(300));
                }
                seen[(int) k] = true;
                received++;
            }
        } catch (BenchFailure | IOException | RuntimeException e) {
            c.kill(); // else the writer may block for good on a server that stopped reading
            throw e;
        } finally {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (writeFailure[0] != null) {
            throw new BenchFailure("pipelined: writing requests failed: " + writeFailure[0]);
        }
        if (otherLines > 0) {
            System.err.println("bench: note: " + otherLines + " non-response lines during pipelined echo");
        }
        return n / seconds;
    }

    private static String missing(boolean[] seen, long first, int limit) {
        StringBuilder b = new StringBuilder("[");
        int count = 0;
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                if (count < limit) {
                    b.append(count == 0 ? "" : ", ").append(first + i);
                }
                count++;
            }
        }
        return b.append(count > limit ? ", … (" + count + " in all)]" : "]").toString();
    }

    /** Starts the handshake (protocol 2025-11-25, capabilities {}): sends initialize and waits for its response. */
    static void initialize(Child c) throws IOException, BenchFailure {
        c.phase("initialize");
        c.write(INITIALIZE);
        c.flush();
        c.awaitResponse(0);
    }

    /**
     * One long_running_operation with {@code progress} steps; counts progress lines until the
     * response. Herald may merge values while its output backs up (newest wins), so fewer lines
     * than steps is allowed, but they must increase and end at the last step. The rate is of lines.
     */
    private double progress(Child c, long id) throws IOException, BenchFailure {
        int progress = options.progress;
        byte[] tail = bytes(",\"method\":\"tools/call\",\"params\":{\"name\":\"long_running_operation\",\"arguments\":{\"steps\":"
                + progress + ",\"step_ms\":0},\"_meta\":{\"progressToken\":\"p\"}}}\n");
        long t0 = System.nanoTime();
        c.writeRequest(id, tail);
        c.flush();
        Lines lines = c.lines;
        long count = 0;
        long last = 0;
        while (true) {
            if (!lines.next()) {
                throw c.eof("progress: end of output after " + count + " of " + progress + " progress notifications");
            }
            long p = lines.progressValue();
            if (p != Lines.NOT_PROGRESS) {
                if (p <= last) {
                    throw new BenchFailure("progress: value " + p + " after " + last + " (not strictly increasing): " + lines.text(300));
                }
                last = p;
                count++;
                continue;
            }
            long rid = lines.responseId();
            if (rid == Lines.NOT_A_RESPONSE) {
                continue; // another notification (log message, list change): not counted
            }
            if (rid != id) {
                throw new BenchFailure("progress: unexpected response " + lines.text(300) + " (waiting for id " + id + ")");
            }
            if (!lines.isResult()) {
                throw new BenchFailure("progress: error response " + lines.text(300));
            }
            break;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (last != progress || count > progress) {
            throw new BenchFailure("progress: " + count + " notifications (last value " + last + ") for " + progress + " steps");
        }
        if (count < progress) {
            System.err.printf(Locale.ROOT, "progress: %,d of %,d steps merged into newer notifications while output backed up%n",
                    progress - count, progress);
        }
        return count / seconds;
    }
}
