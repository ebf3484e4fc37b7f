package dev.herald.bench;

/** The figures {@link HubBench} measures, with units and targets (issue 10), in table order; constants, any thread. */
enum HubFigure {
    STDOUT_P50("publish → line on a session's stdout p50", "ms", false, "≤ 1 ms", 1),
    STDOUT_P99("publish → line on a session's stdout p99", "ms", false, "≤ 5 ms", 5),
    ACK_P50("publish → durable acknowledgement p50", "ms", false, "", 0),
    SESSION_EXIT("stdio session joined to the hub: stdin close → exit", "ms", false, "", 0),
    SEND("herald send MESSAGE, start → exit", "ms", false, "", 0),
    VERSION("herald --version, start → exit", "ms", false, "", 0),
    SEND_EXTRA("herald send − herald --version", "ms", false, "", 0),
    FANOUT_P50("fan-out to every session, publish → last one p50", "ms", false, "", 0),
    FANOUT_P99("fan-out to every session, publish → last one p99", "ms", false, "≤ 20 ms", 20),
    FANOUT_HUB_CPU("  hub CPU time per fanned-out event", "µs", false, "", 0),
    FANOUT_BENCH_CPU("  bench JVM (the sessions) CPU time per event", "µs", false, "", 0),
    SUSTAINED_1("sustained durable publishing, PUBLISHERS × 1 in flight", "events/s", true, "≥ 20,000/s", 20_000),
    HUB_CPU_1("  hub CPU time per event", "µs", false, "", 0),
    SUSTAINED("sustained durable publishing, PUBLISHERS × INFLIGHT in flight", "events/s", true, "≥ 20,000/s", 20_000),
    HUB_CPU("  hub CPU time per event", "µs", false, "", 0),
    HUB_HWM("hub peak RSS (VmHWM) with the fan-out sessions", "MiB", false, "", 0),
    HUB_RSS("hub RSS (VmRSS) with the fan-out sessions", "MiB", false, "", 0),
    HUB_HWM_END("hub peak RSS (VmHWM) after sustained publishing", "MiB", false, "", 0);

    final String label;
    final String unit;
    final boolean higherIsBetter;
    final String target;
    /** The bound the target names (upper, or lower when higher is better); 0 without a target. */
    final double bound;

    HubFigure(String label, String unit, boolean higherIsBetter, String target, double bound) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.target = target;
        this.bound = bound;
    }

    /** "met", "MISSED", or "" without a target. */
    String status(double median) {
        if (target.isEmpty()) {
            return "";
        }
        if (Double.isNaN(median)) {
            return "FAILED";
        }
        return (higherIsBetter ? median >= bound : median <= bound) ? "met" : "MISSED";
    }
}
