package dev.herald.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Event;
import dev.herald.jsonrpc.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a segment's lines as events, in file order, up to a byte limit. A line that is not an
 * event (a torn write a crash left, or one a failed write left before it was cut off) is skipped.
 * Runs on whichever thread reads; each scan opens the file itself.
 */
final class SegmentFile {
    private static final Logger log = LoggerFactory.getLogger(SegmentFile.class);
    private static final ObjectMapper JSON = Json.shared();

    /** Told each event with the byte offset just past its line. Return false to stop. */
    interface Visitor {
        boolean visit(Event event, long end);
    }

    private SegmentFile() {
        throw new AssertionError();
    }

    /**
     * Visits each event of {@code path} in the first {@code limit} bytes; returns the offset just
     * past the last complete event line (where a torn tail starts). A missing file visits nothing.
     */
    static long scan(Path path, long limit, Visitor visitor) throws IOException {
        long offset = 0;
        long goodEnd = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while (offset < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - offset))) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    line.write(buf, from, i - from);
                    from = i + 1;
                    Event event = parse(line.toByteArray(), path);
                    line.reset();
                    if (event != null) {
                        goodEnd = offset + i + 1;
                        if (!visitor.visit(event, goodEnd)) {
                            return goodEnd;
                        }
                    }
                }
                line.write(buf, from, n - from);
                offset += n;
            }
        } catch (NoSuchFileException e) {
            return 0; // removed by retention while we read: nothing left in it
        }
        return goodEnd;
    }

    private static Event parse(byte[] bytes, Path path) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            Event event = Event.fromJson(JSON.readTree(bytes));
            if (event == null) {
                log.warn("Skipped a journal line that is not an event in {}", path.getFileName());
            }
            return event;
        } catch (IOException | RuntimeException e) {
            log.warn("Skipped a damaged journal line in {}", path.getFileName());
            return null;
        }
    }

    /** The journal line for {@code event}: its stored JSON form and a newline. */
    static byte[] line(Event event) {
        try {
            byte[] json = JSON.writeValueAsBytes(event.toStored());
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("an event could not be encoded", e);
        }
    }
}
