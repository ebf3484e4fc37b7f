package dev.herald.bench;

/** The figures the bench measures, with their units and targets, in table order; constants, any thread. */
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

    enum Kind { LOWER_IS_BETTER, HIGHER_IS_BETTER }

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
