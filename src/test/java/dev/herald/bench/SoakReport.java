package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link Soak}'s report to standard output, ending with {@code SOAK OK} or {@code SOAK FAILED: …}; main thread, at the end. */
final class SoakReport {
    private SoakReport() {
    }

    /** Prints the report; true if the soak found nothing wrong. */
    static boolean print(Soak s) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Herald soak: %d min of mixed traffic paced to %,d req/s against one child (pid %d)%n",
                s.options.soakMinutes, s.options.soakRate, s.pid);
        System.out.println("herald: " + Options.display(s.options.heraldCommand));
        if (s.traffic != null && !Double.isNaN(s.trafficSeconds)) {
            System.out.printf(Locale.ROOT, "traffic: %.1f s, %,d requests (%,.0f req/s)%s%n", s.trafficSeconds, s.ledger.sent(),
                    s.ledger.sent() / s.trafficSeconds, s.lagged > 0 ? ", " + s.lagged + " skipped to stay within a 100 ms burst" : "");
            System.out.printf(Locale.ROOT, "pacing: worst tick %.1f ms late (at %.0f s); worst flush to Herald's stdin blocked %.1f ms "
                    + "(at %.0f s)%n", s.worstLate / 1e6, s.worstLateAt, s.worstFlush / 1e6, s.worstFlushAt);
        }
        rss(s);
        if (s.reader != null) {
            traffic(s);
        }
        System.out.println(Double.isNaN(s.exitMs) ? "exit: not measured"
                : String.format(Locale.ROOT, "exit: stdin close → exit %.1f ms (limit %d s), status %d", s.exitMs, Soak.EXIT_SECONDS, s.exitStatus));
        System.out.println("Herald stderr: " + (s.warning == null ? "no warning or error lines" : "first warning/error line: " + s.warning));
        if (s.problems.isEmpty()) {
            System.out.println("SOAK OK");
            return true;
        }
        System.out.println("PROBLEMS:");
        s.problems.lines().forEach(l -> System.out.println("  " + l));
        System.out.println("SOAK FAILED: " + s.problems.summary());
        return false;
    }

    private static void rss(Soak s) {
        System.out.println();
        System.out.println("RSS over time (VmRSS of the child and its descendants):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"elapsed s", "RSS MiB", "sample"});
        for (int i = 0; i < s.rss.size(); i++) {
            double[] r = s.rss.get(i);
            boolean last = i == s.rss.size() - 1 && !Double.isNaN(s.hwmMiB);
            rows.add(new String[] {String.format(Locale.ROOT, "%.0f", r[0]), String.format(Locale.ROOT, "%.1f", r[1]),
                i == 0 ? "start" : last ? "end, after the drain" : ""});
        }
        Report.printTable(rows, 0, 1);
        if (!Double.isNaN(s.hwmMiB)) {
            System.out.printf(Locale.ROOT, "VmHWM at the end: %.1f MiB%s%n", s.hwmMiB, trend(s.rss));
        }
        System.out.println();
    }

    /** The least-squares slope of RSS over the second half of the run (past start-up and heap sizing), with its range. */
    private static String trend(List<double[]> samples) {
        double half = samples.get(samples.size() - 1)[0] / 2;
        List<double[]> later = samples.stream().filter(r -> r[0] >= half).toList();
        if (later.size() < 3) {
            return "";
        }
        double n = later.size();
        double mx = later.stream().mapToDouble(r -> r[0]).sum() / n;
        double my = later.stream().mapToDouble(r -> r[1]).sum() / n;
        double sxy = later.stream().mapToDouble(r -> (r[0] - mx) * (r[1] - my)).sum();
        double sxx = later.stream().mapToDouble(r -> (r[0] - mx) * (r[0] - mx)).sum();
        return String.format(Locale.ROOT, "; RSS trend over the second half (%.0f s on): %+.2f MiB/min (least squares, %d samples, "
                + "%.1f → %.1f MiB)", later.get(0)[0], sxy / sxx * 60, later.size(), later.get(0)[1], later.get(later.size() - 1)[1]);
    }

    private static void traffic(Soak s) {
        Ledger l = s.ledger;
        SoakReader r = s.reader;
        long cancelled = l.cancelled();
        System.out.printf(Locale.ROOT, "requests: %,d sent, %,d answered once, %,d cancelled (no answer allowed), %,d unanswered, "
                + "%,d answered twice%n", l.sent(), l.answered(), cancelled, l.pending(), l.duplicates());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"request", "sent", "answered"});
        for (Ledger.Kind k : Ledger.Kind.values()) {
            rows.add(new String[] {k.label, String.format(Locale.ROOT, "%,d", l.sent(k)), String.format(Locale.ROOT, "%,d", l.answered(k))});
        }
        Report.printTable(rows, 1, 2);
        if (s.traffic != null) {
            System.out.printf(Locale.ROOT, "malformed lines: %d 'not json', %d {\"id\":null,\"method\":\"ping\"}; "
                    + "%d notifications/cancelled%n", s.traffic.notJsonSent, s.traffic.nullIdSent, s.traffic.cancelsSent);
        }
        System.out.println("errors by code: with an id " + Soak.codes(r.errors) + "; without an id " + Soak.codes(r.idlessErrors));
        System.out.printf(Locale.ROOT, "output lines read: %,d; notifications by method:%n", r.lineCount);
        r.notifications.forEach((m, n) -> System.out.printf(Locale.ROOT, "  %-40s %,10d%n", m, n[0]));
        System.out.printf(Locale.ROOT, "progress: %,d notifications; %,d 20-step operations answered after step 20 (%,d with steps "
                + "merged); cancelled operations: %,d progress before the cancel, %,d after it (in flight; latest %.1f ms after)%n",
                r.progressValues, r.progressCompleted, r.progressMerged, r.progressBeforeCancel, r.progressAfterCancel,
                r.latestAfterCancel / 1e6);
        System.out.println("clock: " + s.clock.summary());
        System.out.println("notes: " + s.notes.summary());
        if (s.traffic != null) {
            System.out.println("background tasks: " + s.traffic.tasksStarted() + " started (5 ticks of 200 ms, at most 10 started in any 2 s)");
        }
    }
}
