package dev.herald.journal;

import dev.herald.event.EventId;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One journal file. The active segment is {@code <first id>.jsonl}; a sealed one is renamed
 * {@code <first id>-<count>.jsonl}, so that opening the journal never has to count its lines.
 * Immutable; the journal replaces a segment's record when it seals it.
 */
record Segment(Path path, long firstId, long count, boolean sealed) {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})(?:-([0-9]+))?\\.jsonl");

    /** The segment a file name describes, or null for any other file. */
    static Segment parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        long first = EventId.parse(m.group(1));
        return m.group(2) == null ? new Segment(file, first, -1, false) : new Segment(file, first, Long.parseLong(m.group(2)), true);
    }

    static Path activeName(Path dir, long firstId) {
        return dir.resolve(EventId.format(firstId) + ".jsonl");
    }

    static Path sealedName(Path dir, long firstId, long count) {
        return dir.resolve(EventId.format(firstId) + "-" + count + ".jsonl");
    }
}
