package dev.herald.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One server's figures, a list of per-round values each, and the statistics on them (median, min, max); main thread only. */
final class Results {
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

    /** The value at quantile {@code q} (0 to 1) of {@code sorted}: the nearest index, no interpolation. */
    static long percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
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
