package dev.herald.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines a command wrote, stdout and stderr together in the order they were read. Each
 * stream has its own {@link Feed} (so half a line on one never joins half a line on the other).
 * Kept lines are readable text: terminal escapes and other control characters are removed, a
 * carriage return keeps what follows it (progress bars), long lines are clipped. Thread-safe.
 */
final class Tail {
    static final int MAX_LINE = 300;
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B.");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\t]]");

    private final int max;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    Tail(int max) {
        this.max = max;
    }

    /** One stream's bytes into lines. Used by one copying thread. */
    final class Feed {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    keep(partial.toByteArray());
                    partial.reset();
                } else if (partial.size() < MAX_LINE * 4 * 4) { // past a few times the clip, the rest is never kept
                    partial.write(b[i]);
                }
            }
        }

        void end() {
            if (partial.size() > 0) {
                keep(partial.toByteArray());
                partial.reset();
            }
        }
    }

    Feed feed() {
        return new Feed();
    }

    private void keep(byte[] raw) {
        String line = new String(raw, StandardCharsets.UTF_8);
        line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int cr = line.lastIndexOf('\r');
        line = cr >= 0 ? line.substring(cr + 1) : line;
        line = CONTROLS.matcher(ESCAPES.matcher(line).replaceAll("")).replaceAll("");
        if (line.length() > MAX_LINE) {
            int end = Character.isHighSurrogate(line.charAt(MAX_LINE - 2)) ? MAX_LINE - 2 : MAX_LINE - 1;
            line = line.substring(0, end) + "…";
        }
        synchronized (this) {
            lines.addLast(line);
            if (lines.size() > max) {
                lines.removeFirst();
            }
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
