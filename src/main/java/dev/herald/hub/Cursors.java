package dev.herald.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per inbox, the newest event a session of it has been given: where its replay starts. Kept as an
 * append-only file of {@code inbox id} lines, each written straight through (it survives the
 * process being killed; a power loss may replay a few events again), compacted on open.
 * Thread-safe.
 */
final class Cursors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cursors.class);
    private static final int COMPACT_AFTER = 100_000;

    private final Path file;
    private final Map<String, Long> positions = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private int lines;

    Cursors(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                try {
                    positions.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Math::max);
                } catch (RuntimeException e) {
                    // a torn last line: the position before it stands
                }
            }
        }
        compact();
    }

    /** The inbox's position, or null for an inbox never delivered to. */
    Long get(String inbox) {
        lock.lock();
        try {
            return positions.get(inbox);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the inbox's position forward to {@code id} (never back). */
    void advance(String inbox, long id) {
        lock.lock();
        try {
            Long old = positions.get(inbox);
            if (old != null && old >= id) {
                return;
            }
            positions.put(inbox, id);
            if (out != null) {
                out.write((inbox + " " + id + "\n").getBytes(StandardCharsets.UTF_8));
                if (++lines > COMPACT_AFTER) {
                    compact();
                }
            }
        } catch (IOException e) {
            log.warn("Could not record an inbox position: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Every inbox with its position. */
    Map<String, Long> all() {
        lock.lock();
        try {
            return Map.copyOf(positions);
        } finally {
            lock.unlock();
        }
    }

    private void compact() throws IOException {
        close();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> current = positions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        Files.write(tmp, current, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        lines = current.size();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            log.debug("Closing the inbox positions: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
