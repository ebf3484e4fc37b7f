package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The report: run details, then a text table of medians, ratios and targets, then failures; main thread, at the end. */
final class Report {
    private Report() {
    }

    /** Prints the run details, the table and the failures, if any, to standard output. */
    static void print(Options options, Results herald, Results floor, List<String> failures, double seconds) {
        printHeader(options, seconds);
        printTable(rows(herald, floor), 2, 4);
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILURES (" + failures.size() + "):");
            for (String f : failures) {
                System.out.println("  - " + f);
            }
        }
    }

    private static void printHeader(Options options, double seconds) {
        System.out.println();
        System.out.println("Herald benchmark: medians of " + options.rounds + " rounds (min–max in brackets); each round runs Herald then the floor");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        System.out.println("bench JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        System.out.println("herald: " + Options.display(options.heraldCommand));
        System.out.println("floor:  " + Options.display(options.floorCommand));
        System.out.printf(Locale.ROOT, "load: %,d sequential echo calls after %,d warm-up; %,d pipelined echo calls after %,d warm-up; "
                + "%,d progress steps; total bench time %.0f s%n%n", options.sequential, options.warmup, options.requests,
                options.pipelinedWarmup(), options.progress, seconds);
    }

    /** The heading row, then a row per figure. */
    private static List<String[]> rows(Results herald, Results floor) {
        PrintFormat out = new PrintFormat();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "unit", "Herald", "floor", "Herald/floor", "target", "status"});
        for (Figure f : Figure.values()) {
            double h = herald.median(f);
            double fl = floor.median(f);
            double ratio = h / fl;
            String ratioText = Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : out.ratio(ratio);
            if (f.kind == Figure.Kind.HIGHER_IS_BETTER && !ratioText.equals("-")) {
                ratioText += String.format(Locale.ROOT, " (%.1f%% of floor)", ratio * 100);
            }
            rows.add(new String[] {
                f.label, f.unit,
                out.value(f, h, herald.min(f), herald.max(f)),
                out.value(f, fl, floor.min(f), floor.max(f)),
                ratioText, f.target, status(f, h, ratio)});
        }
        return rows;
    }

    /** Columns padded to their widest cell, columns {@code firstRight..lastRight} right-aligned below the heading, a rule under it. */
    static void printTable(List<String[]> rows, int firstRight, int lastRight) {
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
                boolean right = i >= firstRight && i <= lastRight && r > 0;
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
            met = f.kind == Figure.Kind.LOWER_IS_BETTER ? ratio <= f.maxRatio : ratio >= 1 / f.maxRatio;
        } else {
            met = f.kind == Figure.Kind.LOWER_IS_BETTER ? h <= f.absolute : h >= f.absolute;
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
}
