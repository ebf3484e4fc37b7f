package dev.herald.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark harness: measures Herald against {@link Floor} (a canned-bytes program that does no
 * JSON work) and prints medians, ratios and targets as a text table. Not a unit test: it asserts
 * nothing about timing and is never run by Maven; it only needs the JDK (no JUnit) on the classpath.
 *
 * <p>Run from the project directory:
 * <pre>
 *   mvn -q package -DskipTests &amp;&amp; java -cp target/test-classes dev.herald.bench.Bench [options]
 * </pre>
 * ({@code -cp target/test-classes:target/herald.jar} works as well; Herald itself runs as a child.)
 * With {@code -Dherald.build=DIR} use {@code DIR/test-classes}; the defaults below follow that folder.
 *
 * <p>Options (defaults in brackets):
 * <ul>
 *   <li>{@code --herald "CMD"}: Herald's command line [{@code BUILD/herald/bin/herald} if present,
 *       else {@code <this java> -jar BUILD/herald.jar}], where BUILD is the folder holding the
 *       test-classes this class was loaded from ({@code target} normally)</li>
 *   <li>{@code --floor "CMD"}: the floor's command line [{@code <java> -cp <test-classes> dev.herald.bench.Floor},
 *       with the image's {@code BUILD/herald/bin/java} if present, else this JVM]</li>
 *   <li>{@code --rounds 5}, {@code --requests 100000} (pipelined echo calls), {@code --sequential 2000}
 *       (timed echo round trips, after {@code --warmup 500}), {@code --progress 1000000} (steps of one
 *       long_running_operation), {@code --stall-seconds 30} (a child silent that long is killed and the
 *       measurement fails), {@code --soak-minutes 0} (not implemented yet)</li>
 * </ul>
 *
 * <p>Each round runs Herald, then the floor, each as fresh child processes the way hosts run them:
 * a <em>startup</em> process (spawn → initialize, → first tools/list, peak RSS, stdin close → exit) and a
 * <em>load</em> process (sequential echo latency, pipelined echo throughput after an unmeasured pipelined
 * warm-up burst of a tenth of the requests, progress notification rate, peak RSS, stdin close → exit).
 * Protocol failures (lost, duplicate or unexpected ids, error responses, wrong progress, stalls) are
 * reported loudly and make the exit status 1.
 */
public final class Bench {
    private static final byte[] INITIALIZE = ascii("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n");
    private static final byte[] INITIALIZED = ascii("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
    private static final byte[] REQUEST_HEAD = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] TOOLS_LIST_TAIL = ascii(",\"method\":\"tools/list\"}\n");
    private static final byte[] ECHO_TAIL = ascii(",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}\n");

    // ---------------------------------------------------------------- figures

    enum Kind { LOWER_IS_BETTER, HIGHER_IS_BETTER }

    enum Figure {
        SPAWN_INIT("spawn → initialize response", "ms", Kind.LOWER_IS_BETTER, "≤ 2× floor", 2, 0),
        SPAWN_LIST("spawn → first tools/list response", "ms", Kind.LOWER_IS_BETTER, "", 0, 0),
        STARTUP_RSS("peak RSS after startup", "MiB", Kind.LOWER_IS_BETTER, "", 0, 0),
        EXIT_IDLE("stdin close → exit, after startup", "ms", Kind.LOWER_IS_BETTER, "≤ 2× floor", 2, 0),
        SEQ_P50("sequential echo round trip p50", "µs", Kind.LOWER_IS_BETTER, "≤ 2× floor", 2, 0),
        SEQ_P99("sequential echo round trip p99", "µs", Kind.LOWER_IS_BETTER, "", 0, 0),
        PIPELINED("pipelined echo throughput", "req/s", Kind.HIGHER_IS_BETTER, "≥ 500,000/s", 0, 500_000),
        PROGRESS("progress notifications", "/s", Kind.HIGHER_IS_BETTER, "≥ 1,000,000/s", 0, 1_000_000),
        PEAK_RSS("peak RSS after load (VmHWM)", "MiB", Kind.LOWER_IS_BETTER, "≤ 64 MiB", 0, 64),
        EXIT_LOAD("stdin close → exit, after load", "ms", Kind.LOWER_IS_BETTER, "≤ 2× floor", 2, 0);

        final String label;
        final String unit;
        final Kind kind;
        final String target;
        /** If non-zero: Herald must be within this factor of the floor (in the figure's better direction). */
        final double maxRatio;
        /** If non-zero: an absolute bound (upper for lower-is-better figures, lower otherwise). */
        final double absolute;

        Figure(String label, String unit, Kind kind, String target, double maxRatio, double absolute) {
            this.label = label;
            this.unit = unit;
            this.kind = kind;
            this.target = target;
            this.maxRatio = maxRatio;
            this.absolute = absolute;
        }
    }

    /** One server's figures, a list of per-round values each. */
    static final class Results {
        final Map<Figure, List<Double>> values = new EnumMap<>(Figure.class);

        void add(Figure f, double v) {
            values.computeIfAbsent(f, k -> new ArrayList<>()).add(v);
        }

        double median(Figure f) {
            List<Double> list = values.get(f);
            if (list == null || list.isEmpty()) {
                return Double.NaN;
            }
            double[] a = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = a.length;
            return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
        }

        double min(Figure f) {
            List<Double> list = values.get(f);
            return list == null ? Double.NaN : list.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max(Figure f) {
            List<Double> list = values.get(f);
            return list == null ? Double.NaN : list.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /** A protocol or process failure; the message says exactly what was seen. */
    static final class BenchFailure extends Exception {
        BenchFailure(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- options

    private final List<String> heraldCommand;
    private final List<String> floorCommand;
    private final int rounds;
    private final int requests;
    private final int sequential;
    private final int warmup;
    private final int progress;
    private final int stallSeconds;
    private final int soakMinutes;
    private final List<String> failures = new ArrayList<>();

    private Bench(Map<String, String> o) {
        Path testClasses = testClasses();
        Path build = testClasses != null ? testClasses.getParent() : Path.of("target");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path image = build.resolve("herald").resolve("bin");
        String heraldDefault = Files.isExecutable(image.resolve("herald"))
                ? image.resolve("herald").toString()
                : quote(java.toString()) + " -jar " + quote(build.resolve("herald.jar").toString());
        Path floorJava = Files.isExecutable(image.resolve("java")) ? image.resolve("java") : java;
        String floorDefault = quote(floorJava.toString()) + " -cp "
                + quote(testClasses != null ? testClasses.toString() : "target/test-classes") + " " + Floor.class.getName();
        this.heraldCommand = split(o.getOrDefault("herald", heraldDefault));
        this.floorCommand = split(o.getOrDefault("floor", floorDefault));
        this.rounds = positive(o, "rounds", 5);
        this.requests = positive(o, "requests", 100_000);
        this.sequential = positive(o, "sequential", 2000);
        this.warmup = nonNegative(o, "warmup", 500);
        this.progress = positive(o, "progress", 1_000_000);
        this.stallSeconds = positive(o, "stall-seconds", 30);
        this.soakMinutes = nonNegative(o, "soak-minutes", 0);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("Usage: java -cp target/test-classes dev.herald.bench.Bench [--herald CMD] [--floor CMD] "
                        + "[--rounds N] [--requests N] [--sequential N] [--warmup N] [--progress N] [--stall-seconds N] [--soak-minutes N]");
                return;
            }
            if (!a.startsWith("--")) {
                usage("Unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                usage("Missing value for " + a);
                return;
            }
            if (!List.of("herald", "floor", "rounds", "requests", "sequential", "warmup", "progress", "stall-seconds", "soak-minutes")
                    .contains(name)) {
                usage("Unknown option " + a);
            }
            options.put(name, value);
        }
        System.exit(new Bench(options).run());
    }

    private static void usage(String message) {
        System.err.println("bench: " + message + " (try --help)");
        System.exit(2);
    }

    // ---------------------------------------------------------------- the run

    private int run() {
        long started = System.nanoTime();
        Results herald = new Results();
        Results floor = new Results();
        Watchdog watchdog = new Watchdog(stallSeconds);
        for (int r = 1; r <= rounds; r++) {
            measure("herald", heraldCommand, herald, r, watchdog);
            measure("floor", floorCommand, floor, r, watchdog);
        }
        if (soakMinutes > 0) {
            // TODO soak: hold one Herald process under a steady mixed load for --soak-minutes and report
            // RSS drift, p99 drift and any lost ids. Not needed yet.
            System.err.println("bench: --soak-minutes is not implemented yet; skipped");
        }
        report(herald, floor, (System.nanoTime() - started) / 1e9);
        return failures.isEmpty() ? 0 : 1;
    }

    private void measure(String name, List<String> command, Results results, int round, Watchdog watchdog) {
        String tag = "round " + round + "/" + rounds + " " + name;
        try (Child child = Child.spawn(command, watchdog)) {
            try {
                startup(child, results, tag);
            } catch (BenchFailure | IOException e) {
                fail(tag + " startup", child, e);
            }
        } catch (IOException e) {
            fail(tag + " startup: could not start " + command, null, e);
        }
        try (Child child = Child.spawn(command, watchdog)) {
            try {
                load(child, results, tag);
            } catch (BenchFailure | IOException e) {
                fail(tag + " load", child, e);
            }
        } catch (IOException e) {
            fail(tag + " load: could not start " + command, null, e);
        }
    }

    private void fail(String where, Child child, Exception e) {
        StringBuilder b = new StringBuilder(where).append(": ").append(e.getMessage() == null ? e.toString() : e.getMessage());
        if (child != null) {
            child.kill();
            String tail = child.stderrTail();
            if (!tail.isEmpty()) {
                b.append("\n    child stderr (last lines):\n").append(tail.indent(6).stripTrailing());
            }
        }
        failures.add(b.toString());
        System.err.println("FAILURE " + b);
    }

    /** Spawn → initialize → first tools/list; peak RSS; stdin close → exit. */
    private void startup(Child c, Results results, String tag) throws IOException, BenchFailure {
        c.phase("initialize");
        c.write(INITIALIZE);
        c.flush();
        c.awaitResponse(0);
        double initMs = (System.nanoTime() - c.spawnedAt) / 1e6;
        c.write(INITIALIZED);
        c.writeRequest(1, TOOLS_LIST_TAIL);
        c.flush();
        c.phase("tools/list");
        c.awaitResponse(1);
        double listMs = (System.nanoTime() - c.spawnedAt) / 1e6;
        double rss = c.peakRssKiB() / 1024.0;
        double exitMs = c.closeAndWait(stallSeconds);
        results.add(Figure.SPAWN_INIT, initMs);
        results.add(Figure.SPAWN_LIST, listMs);
        results.add(Figure.STARTUP_RSS, rss);
        results.add(Figure.EXIT_IDLE, exitMs);
        System.err.printf(Locale.ROOT, "%s startup: initialize %.1f ms, tools/list %.1f ms, RSS %.1f MiB, exit %.1f ms%n",
                tag, initMs, listMs, rss, exitMs);
    }

    /** Sequential latency, pipelined throughput, progress rate, peak RSS, stdin close → exit. */
    private void load(Child c, Results results, String tag) throws IOException, BenchFailure {
        c.phase("initialize");
        c.write(INITIALIZE);
        c.flush();
        c.awaitResponse(0);
        c.write(INITIALIZED);
        c.flush();
        long id = 1;

        c.phase("sequential echo");
        long[] rtt = new long[sequential];
        for (int i = 0; i < warmup + sequential; i++) {
            long t0 = System.nanoTime();
            c.writeRequest(id, ECHO_TAIL);
            c.flush();
            c.awaitResponse(id);
            long t = System.nanoTime() - t0;
            if (i >= warmup) {
                rtt[i - warmup] = t;
            }
            id++;
        }
        Arrays.sort(rtt);
        double p50 = rtt[(int) Math.min(rtt.length - 1, Math.round(0.50 * (rtt.length - 1)))] / 1e3;
        double p99 = rtt[(int) Math.min(rtt.length - 1, Math.round(0.99 * (rtt.length - 1)))] / 1e3;
        results.add(Figure.SEQ_P50, p50);
        results.add(Figure.SEQ_P99, p99);

        c.phase("pipelined echo warm-up");
        int warm = Math.max(1, requests / 10);
        pipelined(c, id, warm);
        id += warm;
        c.phase("pipelined echo");
        double rps = pipelined(c, id, requests);
        id += requests;
        results.add(Figure.PIPELINED, rps);

        c.phase("long_running_operation progress");
        double pps = progress(c, id);
        id++;
        results.add(Figure.PROGRESS, pps);

        double rss = c.peakRssKiB() / 1024.0;
        results.add(Figure.PEAK_RSS, rss);
        double exitMs = c.closeAndWait(stallSeconds);
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

    /** One long_running_operation with {@code progress} steps; counts progress lines until the response. */
    private double progress(Child c, long id) throws IOException, BenchFailure {
        byte[] tail = ascii(",\"method\":\"tools/call\",\"params\":{\"name\":\"long_running_operation\",\"arguments\":{\"steps\":"
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
        if (count != progress || last != progress) {
            throw new BenchFailure("progress: " + count + " notifications (last value " + last + ") for " + progress + " steps");
        }
        return count / seconds;
    }

    // ---------------------------------------------------------------- report

    private void report(Results herald, Results floor, double seconds) {
        PrintFormat out = new PrintFormat();
        System.out.println();
        System.out.println("Herald benchmark: medians of " + rounds + " rounds (min–max in brackets); each round runs Herald then the floor");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        System.out.println("bench JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        System.out.println("herald: " + display(heraldCommand));
        System.out.println("floor:  " + display(floorCommand));
        System.out.printf(Locale.ROOT, "load: %,d sequential echo calls after %,d warm-up; %,d pipelined echo calls after %,d warm-up; "
                + "%,d progress steps; total bench time %.0f s%n%n", sequential, warmup, requests, Math.max(1, requests / 10), progress, seconds);

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "unit", "Herald", "floor", "Herald/floor", "target", "status"});
        for (Figure f : Figure.values()) {
            double h = herald.median(f);
            double fl = floor.median(f);
            double ratio = h / fl;
            String ratioText = Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : out.ratio(ratio);
            if (f.kind == Kind.HIGHER_IS_BETTER && !ratioText.equals("-")) {
                ratioText += String.format(Locale.ROOT, " (%.1f%% of floor)", ratio * 100);
            }
            rows.add(new String[] {
                f.label, f.unit,
                out.value(f, h, herald.min(f), herald.max(f)),
                out.value(f, fl, floor.min(f), floor.max(f)),
                ratioText, f.target.isEmpty() ? "" : f.target, status(f, h, ratio)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i >= 2 && i <= 4 && r > 0;
                String cell = row[i];
                int pad = widths[i] - cell.codePointCount(0, cell.length());
                if (right) {
                    b.append(" ".repeat(pad)).append(cell);
                } else {
                    b.append(cell).append(" ".repeat(pad));
                }
                b.append(i < row.length - 1 ? "  " : "");
            }
            System.out.println(b.toString().stripTrailing());
            if (r == 0) {
                int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
                System.out.println("-".repeat(total));
            }
        }
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILURES (" + failures.size() + "):");
            for (String f : failures) {
                System.out.println("  - " + f);
            }
        }
    }

    private static String status(Figure f, double h, double ratio) {
        if (f.target.isEmpty()) {
            return "";
        }
        if (Double.isNaN(h)) {
            return "FAILED";
        }
        boolean met;
        if (f.maxRatio > 0) {
            if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
                return "n/a (no floor figure)";
            }
            met = f.kind == Kind.LOWER_IS_BETTER ? ratio <= f.maxRatio : ratio >= 1 / f.maxRatio;
        } else {
            met = f.kind == Kind.LOWER_IS_BETTER ? h <= f.absolute : h >= f.absolute;
        }
        return met ? "met" : "MISSED";
    }

    /** Number formatting for the table. */
    private static final class PrintFormat {
        String value(Figure f, double median, double min, double max) {
            if (Double.isNaN(median)) {
                return "FAILED";
            }
            return one(f, median) + " (" + one(f, min) + "–" + one(f, max) + ")";
        }

        String one(Figure f, double v) {
            return switch (f.unit) {
                case "ms", "MiB" -> String.format(Locale.ROOT, "%.1f", v);
                case "µs" -> v < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
                default -> String.format(Locale.ROOT, "%,.0f", v);
            };
        }

        String ratio(double r) {
            return r >= 10 ? String.format(Locale.ROOT, "%.1f×", r) : String.format(Locale.ROOT, "%.2f×", r);
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    // ---------------------------------------------------------------- child processes

    /** A server child process: buffered stdin, a line scanner on stdout, stderr drained to a tail. */
    static final class Child implements AutoCloseable {
        final Process process;
        final long spawnedAt;
        final Lines lines;
        private final OutputStream stdin;
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
            this.stdin = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
            this.lines = new Lines(process.getInputStream());
            this.stderrDrain = Thread.ofPlatform().daemon().name("bench-stderr").start(this::drainStderr);
            watchdog.watch(this);
        }

        static Child spawn(List<String> command, Watchdog watchdog) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command);
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
            int p = digits.length;
            do {
                digits[--p] = (byte) ('0' + id % 10);
                id /= 10;
            } while (id > 0);
            stdin.write(digits, p, digits.length - p);
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

        /** Sum of VmHWM over the process and its descendants (a launcher script plus its JVM), KiB. */
        long peakRssKiB() {
            long total = 0;
            List<ProcessHandle> tree = new ArrayList<>();
            tree.add(process.toHandle());
            process.descendants().forEach(tree::add);
            for (ProcessHandle h : tree) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                        if (line.startsWith("VmHWM:")) {
                            total += Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
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
            phase = "stdin close → exit";
            watchdog.unwatch(this);
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
            long t0;
            try {
                closed = true;
                drain.start();
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
                drain.join(5000);
                if (extra[0] > 0) {
                    System.err.println("bench: note: " + extra[0] + " output lines after stdin close");
                }
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

    /** Kills a watched child that has written nothing for the stall limit, so a stuck read ends. */
    static final class Watchdog {
        private final long stallNanos;
        private volatile Child watched;

        Watchdog(int stallSeconds) {
            this.stallNanos = TimeUnit.SECONDS.toNanos(stallSeconds);
            Thread.ofPlatform().daemon().name("bench-watchdog").start(this::loop);
        }

        void watch(Child c) {
            c.lines.lastRead = System.nanoTime();
            watched = c;
        }

        void unwatch(Child c) {
            if (watched == c) {
                watched = null;
            }
        }

        private void loop() {
            while (true) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
                Child c = watched;
                if (c != null && System.nanoTime() - c.lines.lastRead > stallNanos) {
                    c.killedBecause = "STALL: no output for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s during "
                            + c.phase() + " (child killed)";
                    watched = null;
                    c.kill();
                }
            }
        }
    }

    // ---------------------------------------------------------------- line scanning

    /**
     * A fast newline scanner over the child's stdout: lines are ranges of one reusable buffer.
     * The helpers look for fixed prefixes first (both servers write {@code jsonrpc} first and then
     * {@code id} or {@code method}) and fall back to a byte search, never a JSON parse.
     */
    static final class Lines {
        static final long NOT_A_RESPONSE = Long.MIN_VALUE;
        static final long NOT_PROGRESS = Long.MIN_VALUE;
        static final long NON_NUMERIC_ID = -1;
        private static final byte[] RESPONSE_PREFIX = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
        private static final byte[] PROGRESS_PREFIX = ascii("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":");
        private static final byte[] ID = ascii("\"id\":");
        private static final byte[] METHOD = ascii("\"method\":");
        private static final byte[] RESULT = ascii("\"result\":");
        private static final byte[] ERROR = ascii("\"error\":");
        private static final byte[] PROGRESS_METHOD = ascii("\"method\":\"notifications/progress\"");
        private static final byte[] PROGRESS = ascii("\"progress\":");

        private final InputStream in;
        private byte[] buf = new byte[1 << 20];
        private int pos;
        private int limit;
        private int scanned;
        int start;
        int end;
        /** Last time bytes arrived (or the child was spawned), for the watchdog. */
        volatile long lastRead;
        private int afterId;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Advances to the next line; false at end of output (a final unterminated line still counts). */
        boolean next() throws IOException {
            while (true) {
                byte[] b = buf;
                int lim = limit;
                for (int i = pos + scanned; i < lim; i++) {
                    if (b[i] == '\n') {
                        start = pos;
                        end = i;
                        pos = i + 1;
                        scanned = 0;
                        return true;
                    }
                }
                scanned = limit - pos;
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, limit - pos);
                    limit -= pos;
                    pos = 0;
                }
                if (limit == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    if (limit > pos) {
                        start = pos;
                        end = limit;
                        pos = limit;
                        scanned = 0;
                        return true;
                    }
                    return false;
                }
                limit += n;
                lastRead = System.nanoTime();
            }
        }

        /**
         * The numeric id of the current line if it is a response, {@link #NON_NUMERIC_ID} for a
         * response with a string or null id, {@link #NOT_A_RESPONSE} for notifications and requests.
         */
        long responseId() {
            int i;
            if (startsWith(RESPONSE_PREFIX)) {
                i = start + RESPONSE_PREFIX.length;
            } else {
                int at = indexOf(ID);
                if (at < 0) {
                    return NOT_A_RESPONSE;
                }
                if (indexOf(METHOD) >= 0) {
                    return NOT_A_RESPONSE; // a request from the server
                }
                i = at + ID.length;
                while (i < end && buf[i] == ' ') {
                    i++;
                }
            }
            if (i >= end || buf[i] < '0' || buf[i] > '9') {
                afterId = i;
                return NON_NUMERIC_ID;
            }
            long v = 0;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                v = v * 10 + (buf[i] - '0');
                i++;
            }
            afterId = i;
            return v;
        }

        /** After {@link #responseId}: whether the response is a result (not an error). */
        boolean isResult() {
            int i = afterId;
            if (i + 1 + RESULT.length <= end && buf[i] == ',' && regionMatches(i + 1, RESULT)) {
                return true;
            }
            return indexOf(ERROR) < 0 && indexOf(RESULT) >= 0;
        }

        /** The progress value if the current line is a progress notification, else {@link #NOT_PROGRESS}. */
        long progressValue() {
            int i;
            if (startsWith(PROGRESS_PREFIX)) {
                i = start + PROGRESS_PREFIX.length;
            } else {
                if (indexOf(PROGRESS_METHOD) < 0) {
                    return NOT_PROGRESS;
                }
                int at = indexOf(PROGRESS);
                if (at < 0) {
                    return NOT_PROGRESS;
                }
                i = at + PROGRESS.length;
                while (i < end && buf[i] == ' ') {
                    i++;
                }
            }
            long v = 0;
            int digitsFrom = i;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                v = v * 10 + (buf[i] - '0');
                i++;
            }
            return i == digitsFrom ? -1 : v;
        }

        String text(int max) {
            int len = Math.min(end - start, max);
            return new String(buf, start, len, StandardCharsets.UTF_8) + (end - start > max ? "…" : "");
        }

        private boolean startsWith(byte[] p) {
            return end - start >= p.length && regionMatches(start, p);
        }

        private boolean regionMatches(int at, byte[] p) {
            for (int k = 0; k < p.length; k++) {
                if (buf[at + k] != p[k]) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(byte[] p) {
            return Floor.indexOf(buf, start, end, p);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Path testClasses() {
        try {
            var source = Bench.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Splits a command line on blanks, honouring single and double quotes and backslash escapes. */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char ch = commandLine.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < commandLine.length()) {
                    w.append(commandLine.charAt(++i));
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < commandLine.length()) {
                w.append(commandLine.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return words;
    }

    private static String display(List<String> command) {
        return String.join(" ", command.stream().map(Bench::quote).toList());
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static int positive(Map<String, String> o, String name, int fallback) {
        int v = nonNegative(o, name, fallback);
        if (v == 0) {
            usage("--" + name + " must be positive");
        }
        return v;
    }

    private static int nonNegative(Map<String, String> o, String name, int fallback) {
        String s = o.get(name);
        if (s == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(s.replace("_", "").replace(",", ""));
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        usage("--" + name + " needs a non-negative integer, not " + s);
        return fallback;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
