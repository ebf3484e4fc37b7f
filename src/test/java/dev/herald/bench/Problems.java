package dev.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What went wrong in a soak, counted by kind with the first few examples each; main thread and soak-reader add; synchronized. */
final class Problems {
    private static final int EXAMPLES = 5;

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    /** One occurrence of {@code what}; {@code detail} (the line seen, the ids) is kept for the first few. */
    synchronized void add(String what, String detail) {
        counts.computeIfAbsent(what, k -> new long[1])[0]++;
        List<String> list = examples.computeIfAbsent(what, k -> new ArrayList<>());
        if (list.size() < EXAMPLES && detail != null && !detail.isEmpty()) {
            list.add(detail);
        }
    }

    synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Each kind with its count, then its examples, indented; empty when there were none. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        counts.forEach((what, n) -> {
            out.add(what + " ×" + n[0]);
            for (String e : examples.get(what)) {
                out.add("    " + e.replace("\n", "\n    "));
            }
        });
        return out;
    }

    /** The kinds and counts on one line, for the verdict. */
    synchronized String summary() {
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add(what + " ×" + n[0]));
        return String.join("; ", parts);
    }
}
