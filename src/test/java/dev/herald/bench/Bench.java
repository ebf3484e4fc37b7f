package dev.herald.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
 *       measurement fails; the soak too)</li>
 *   <li>{@code --soak-minutes 0}: after the rounds and their report, soak ONE Herald child for that many minutes
 *       (below); {@code --soak-rate 2000}: its requests per second. {@code --rounds 0} skips the rounds (then
 *       {@code --soak-minutes} must be positive): {@code Bench --rounds 0 --soak-minutes 1} only soaks.</li>
 * </ul>
 *
 * <p>Each round runs Herald, then the floor, each as fresh child processes the way hosts run them:
 * a <em>startup</em> process (spawn → initialize, → first tools/list, peak RSS, stdin close → exit) and a
 * <em>load</em> process (sequential echo latency, pipelined echo throughput after an unmeasured pipelined
 * warm-up burst of a tenth of the requests, progress notification rate, peak RSS, stdin close → exit).
 * Protocol failures (lost, duplicate or unexpected ids, error responses, wrong progress, stalls) are
 * reported loudly and make the exit status 1.
 *
 * <p>The soak ({@link Soak}) handshakes (2025-11-25, capabilities {@code {}}) and then drives a host-like mix
 * against the real catalogue: echo, tools/list, resources/read herald://status, ping, long_running_operation with
 * progress (strictly increasing, none after the response), every 2 s a 100 s one cancelled 200 ms later (no answer
 * allowed), send_notification, logging/setLevel, subscribe/unsubscribe of herald://clock (about one
 * resources/updated a second while subscribed), rotating notes (at most 50 alive), background tasks (at most 10
 * running) and malformed lines (-32700, -32600). It samples VmRSS every 10 s, checks every id is answered exactly
 * once, closes stdin (exit 0 within 2 s) and prints its report, ending with {@code SOAK OK} or
 * {@code SOAK FAILED: reasons}; a failure makes the exit status 1. RSS growth is reported, not judged.
 *
 * <p>Layout: {@link Options} reads the command line; {@link Measurements} drives one {@link Child} per startup or
 * load measurement and reads its stdout through {@link Lines} (a {@link LineReader}, as {@link Floor} is);
 * {@link Watchdog} kills a stalled child; {@link Results} keeps the per-round {@link Figure}s and {@link Report}
 * prints the table; {@link Soak} runs the soak. All of it runs on the main thread except the bench-writer (pipelined
 * requests), bench-stderr (one per child), bench-stdout-drain (after stdin close), soak-reader and bench-watchdog threads.
 */
public final class Bench {
    private final Options options;
    private final Measurements measurements;
    private final List<String> failures = new ArrayList<>();

    private Bench(Options options) {
        this.options = options;
        this.measurements = new Measurements(options);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            return; // --help: the usage is printed
        }
        System.exit(new Bench(options).run());
    }

    private int run() {
        long started = System.nanoTime();
        Watchdog watchdog = new Watchdog(options.stallSeconds);
        if (options.rounds > 0) {
            Results herald = new Results();
            Results floor = new Results();
            for (int r = 1; r <= options.rounds; r++) {
                measure("herald", options.heraldCommand, herald, r, watchdog);
                measure("floor", options.floorCommand, floor, r, watchdog);
            }
            Report.print(options, herald, floor, failures, (System.nanoTime() - started) / 1e9);
        }
        boolean soaked = options.soakMinutes == 0 || new Soak(options, watchdog).run();
        return failures.isEmpty() && soaked ? 0 : 1;
    }

    private void measure(String name, List<String> command, Results results, int round, Watchdog watchdog) {
        String tag = "round " + round + "/" + options.rounds + " " + name;
        inChild(tag + " startup", command, watchdog, c -> measurements.startup(c, results, tag));
        inChild(tag + " load", command, watchdog, c -> measurements.load(c, results, tag));
    }

    /** What one child process is spawned for. */
    private interface Measurement {
        void run(Child c) throws IOException, BenchFailure;
    }

    /** Runs {@code m} on a fresh child of {@code command}; a failure is recorded under {@code where}. */
    private void inChild(String where, List<String> command, Watchdog watchdog, Measurement m) {
        try (Child child = Child.spawn(command, watchdog)) {
            try {
                m.run(child);
            } catch (BenchFailure | IOException e) {
                fail(where, child, e);
            }
        } catch (IOException e) {
            fail(where + ": could not start " + command, null, e);
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
}
