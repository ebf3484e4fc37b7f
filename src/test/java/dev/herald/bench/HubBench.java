package dev.herald.bench;

import dev.herald.hub.HeraldHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hub benchmark (issue 10): each round starts a dedicated {@code herald hub} from the image in a
 * fresh temporary {@code HERALD_HOME} (rate limit lifted) and measures publish → a stdio session's
 * stdout line, {@code herald send} against {@code herald --version}, fan-out to many attached
 * sessions in this JVM, the hub's RSS with them attached, then sustained durable publishing with
 * the sessions gone. Prints medians over the rounds (min–max in brackets) with the targets.
 * <pre>
 *   mvn -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/herald.jar dev.herald.bench.HubBench [options]
 * </pre>
 * Options [defaults]: {@code --rounds 3}, {@code --latency 1000} (timed publishes to the stdio session,
 * after a fifth as many unmeasured), {@code --sends 10} (of each command), {@code --sessions 100},
 * {@code --fanout 200} (timed events, after 20), {@code --publishers 16}, {@code --in-flight 16} (publishes
 * outstanding per publisher in the second sustained run; the first has 1), {@code --seconds 5} (each run),
 * {@code --herald PATH} [the image's launcher], {@code --tmp DIR} [java.io.tmpdir]: where the homes go
 * ({@code /dev/shm} takes the disk's fsync out). {@code -Dhubbench.hubJavaOpts=...} sets HERALD_JAVA_OPTS for the hub alone.
 * Every child is ended by the round (the hub by SIGTERM, at the latest when {@code timeout} ends it).
 *
 * <p>Layout: {@link HubProbes} (latency, CLI and fan-out probes, through {@link dev.herald.hub.HubClient}), {@link HubLoad}
 * (sustained publishing on raw sockets), {@link HubChildren} (processes and /proc), {@link HubFigure} (rows and targets).
 */
public final class HubBench {
    /** The options; immutable. */
    record Settings(Path herald, Path tmp, int rounds, int latency, int sends, int sessions, int fanout, int publishers, int inFlight, int seconds) {}

    private HubBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Settings s = parse(args);
        HubChildren.killAtExit();
        Map<HubFigure, List<Double>> values = new EnumMap<>(HubFigure.class);
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int r = 1; r <= s.rounds(); r++) {
            System.err.println("hub bench: round " + r + "/" + s.rounds());
            try {
                round(s, values);
            } catch (BenchFailure | IOException | RuntimeException e) {
                failures.add("round " + r + ": " + e);
                System.err.println("FAILURE round " + r + ": " + e.getMessage());
            }
        }
        report(s, values, failures, (System.nanoTime() - started) / 1e9);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void round(Settings s, Map<HubFigure, List<Double>> v) throws IOException, BenchFailure, InterruptedException {
        Path dir = Files.createTempDirectory(s.tmp(), "herald-hubbench");
        Process hub = null;
        try {
            hub = HubChildren.startHub(s, dir);
            HubProbes probes = new HubProbes(s, open(dir));
            try {
                double[] line = probes.stdoutLatency();
                add(v, HubFigure.STDOUT_P50, line[0]);
                add(v, HubFigure.STDOUT_P99, line[1]);
                add(v, HubFigure.ACK_P50, line[2]);
                add(v, HubFigure.SESSION_EXIT, line[3]);
                double[] cli = probes.cli();
                add(v, HubFigure.SEND, cli[0]);
                add(v, HubFigure.VERSION, cli[1]);
                add(v, HubFigure.SEND_EXTRA, cli[0] - cli[1]);
                ProcessHandle hubJvm = HubChildren.hubJvm(hub);
                try (HubProbes.Sessions sessions = probes.new Sessions()) {
                    long[] cpu = {HubChildren.cpuNanos(hubJvm), HubChildren.cpuNanos(ProcessHandle.current())};
                    double[] fan = sessions.fanout();
                    add(v, HubFigure.FANOUT_P50, fan[0]);
                    add(v, HubFigure.FANOUT_P99, fan[1]);
                    add(v, HubFigure.FANOUT_HUB_CPU, (HubChildren.cpuNanos(hubJvm) - cpu[0]) / 1e3 / fan[2]);
                    add(v, HubFigure.FANOUT_BENCH_CPU, (HubChildren.cpuNanos(ProcessHandle.current()) - cpu[1]) / 1e3 / fan[2]);
                    add(v, HubFigure.HUB_HWM, HubChildren.statusKiB(hub, "VmHWM:") / 1024.0);
                    add(v, HubFigure.HUB_RSS, HubChildren.statusKiB(hub, "VmRSS:") / 1024.0);
                }
                for (int inFlight : new int[] {1, s.inFlight()}) {
                    long cpu = HubChildren.cpuNanos(hubJvm);
                    double[] load = HubLoad.run(probes.home(), s.publishers(), inFlight, s.seconds());
                    add(v, inFlight == 1 ? HubFigure.SUSTAINED_1 : HubFigure.SUSTAINED, load[0]);
                    add(v, inFlight == 1 ? HubFigure.HUB_CPU_1 : HubFigure.HUB_CPU, (HubChildren.cpuNanos(hubJvm) - cpu) / 1e3 / load[1]);
                }
                add(v, HubFigure.HUB_HWM_END, HubChildren.statusKiB(hub, "VmHWM:") / 1024.0);
            } finally {
                probes.close();
            }
        } finally {
            if (hub != null) {
                HubChildren.stopHub(hub);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            String log = HubChildren.stderr(dir);
            if (log.contains("WARN") || log.contains("ERROR") || log.contains("Exception")) {
                System.err.println("hub bench: note: the children logged:\n" + log.indent(4).stripTrailing());
            }
            Files.deleteIfExists(HubChildren.stderrFile(dir));
        }
    }

    private static HeraldHome open(Path dir) throws BenchFailure {
        try {
            return HeraldHome.open(dir);
        } catch (HeraldHome.UnusableException e) {
            throw new BenchFailure(e.getMessage());
        }
    }

    private static void add(Map<HubFigure, List<Double>> v, HubFigure f, double x) {
        v.computeIfAbsent(f, k -> new ArrayList<>()).add(x);
    }

    private static void report(Settings s, Map<HubFigure, List<Double>> values, List<String> failures, double seconds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Herald hub benchmark: medians of %d rounds (min–max in brackets), %.0f s; %d cores; temp HERALD_HOME in %s%n",
                s.rounds(), seconds, Runtime.getRuntime().availableProcessors(), fileSystem(s.tmp()));
        System.out.printf(Locale.ROOT, "herald: %s; per round: %,d timed publishes to one stdio session, %d × send and --version, %d sessions "
                + "(in this JVM) × %d events, %d publishers (raw sockets) × 1, then × %d in flight, %d s each%n%n", s.herald(), s.latency(), s.sends(),
                s.sessions(), s.fanout(), s.publishers(), s.inFlight(), s.seconds());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "unit", "median (min–max)", "target", "status"});
        for (HubFigure f : HubFigure.values()) {
            double[] a = values.getOrDefault(f, List.of()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
            String cell = a.length == 0 ? "FAILED" : one(f, median) + " (" + one(f, a[0]) + "–" + one(f, a[a.length - 1]) + ")";
            String label = f.label.replace("every session", s.sessions() + " sessions").replace("PUBLISHERS", Integer.toString(s.publishers()))
                    .replace("INFLIGHT", Integer.toString(s.inFlight()));
            rows.add(new String[] {label, f.unit, cell, f.target, f.status(median)});
        }
        Report.printTable(rows, 2, 2);
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILURES (" + failures.size() + "):");
            failures.forEach(f -> System.out.println("  - " + f));
        }
    }

    private static String one(HubFigure f, double v) {
        return f.unit.equals("ms") && v < 10 ? String.format(Locale.ROOT, "%.2f", v)
                : f.unit.equals("events/s") ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fileSystem(Path dir) {
        try {
            return dir + " (" + Files.getFileStore(dir).type() + ")";
        } catch (IOException e) {
            return "?";
        }
    }

    private static Settings parse(String[] args) {
        Map<String, Integer> o = new java.util.HashMap<>(Map.of("rounds", 3, "latency", 1000, "sends", 10, "sessions", 100, "fanout", 200,
                "publishers", 16, "in-flight", 16, "seconds", 5));
        Path herald = Path.of("target", "herald", "bin", "herald").toAbsolutePath();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String usage = "Usage: java -cp target/test-classes:target/herald.jar dev.herald.bench.HubBench [--herald PATH] [--tmp DIR]"
                + o.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> " [--" + e.getKey() + " " + e.getValue() + "]")
                        .reduce("", String::concat);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(usage + "\n(see the class comment of dev.herald.bench.HubBench)");
                System.exit(0);
            }
            if (i + 1 >= args.length || !args[i].startsWith("--") || !(o.containsKey(name) || name.equals("herald") || name.equals("tmp"))) {
                System.err.println(usage);
                System.exit(2);
            }
            String value = args[++i];
            if (name.equals("herald")) {
                herald = Path.of(value).toAbsolutePath();
            } else if (name.equals("tmp")) {
                tmp = Path.of(value).toAbsolutePath();
            } else {
                o.put(name, Integer.parseInt(value));
            }
        }
        return new Settings(herald, tmp, o.get("rounds"), o.get("latency"), o.get("sends"), o.get("sessions"), o.get("fanout"), o.get("publishers"),
                o.get("in-flight"), o.get("seconds"));
    }
}
