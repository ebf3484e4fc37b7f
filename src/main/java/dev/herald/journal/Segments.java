package dev.herald.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal directory's files: finding the segments when the journal opens (sealing any left
 * unsealed but the last, cutting a torn tail off the last), and sealing one. Runs on the thread
 * that opens the journal, then on its committer.
 */
final class Segments {
    private static final Logger log = LoggerFactory.getLogger(Segments.class);

    /** What opening found: the segments in order, the newest id, and the active segment's good length and count. */
    record Loaded(List<Segment> segments, long head, long activeBytes, long activeCount) {}

    private Segments() {
        throw new AssertionError();
    }

    static Loaded load(Path dir) throws IOException {
        List<Segment> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(Segment::parse).filter(s -> s != null && s.firstId() >= 0).forEach(found::add);
        }
        found.sort((a, b) -> Long.compare(a.firstId(), b.firstId()));
        List<Segment> segments = new ArrayList<>();
        long head = 0;
        long activeBytes = 0;
        long activeCount = 0;
        for (int i = 0; i < found.size(); i++) {
            Segment s = found.get(i);
            boolean last = i == found.size() - 1;
            if (s.sealed() && !last) {
                segments.add(s);
                continue;
            }
            long[] count = {0};
            long[] lastId = {0};
            long size = Files.size(s.path());
            long goodEnd = SegmentFile.scan(s.path(), size, (event, end) -> {
                count[0]++;
                lastId[0] = event.id();
                return true;
            });
            if (goodEnd < size) {
                log.warn("The journal's last write in {} was torn ({} bytes); skipped it", s.path().getFileName(), size - goodEnd);
                try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.WRITE)) {
                    ch.truncate(goodEnd);
                    ch.force(true);
                }
            }
            head = Math.max(head, lastId[0]);
            if (last && !s.sealed()) {
                segments.add(s);
                activeBytes = goodEnd;
                activeCount = count[0];
            } else {
                segments.add(seal(dir, s, count[0]));
            }
        }
        return new Loaded(segments, head, activeBytes, activeCount);
    }

    /** Renames a full segment to its sealed name, with its count. */
    static Segment seal(Path dir, Segment s, long count) throws IOException {
        if (s.sealed()) {
            return s;
        }
        Path sealed = Segment.sealedName(dir, s.firstId(), count);
        Files.move(s.path(), sealed);
        forceDirectory(dir);
        return new Segment(sealed, s.firstId(), count, true);
    }

    /** The id up to which retention has removed events, from the file {@code removed}; 0 if it never did. */
    static long readRemoved(Path dir) {
        try {
            return Long.parseLong(Files.readString(dir.resolve("removed")).trim(), 16);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static void writeRemoved(Path dir, long id) throws IOException {
        Path tmp = dir.resolve("removed.tmp");
        Files.writeString(tmp, Long.toHexString(id) + "\n");
        Files.move(tmp, dir.resolve("removed"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes a file's creation or rename durable. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("Could not force the journal directory: {}", e.getMessage());
        }
    }
}
