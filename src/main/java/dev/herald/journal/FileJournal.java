package dev.herald.journal;

import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as append-only segments of JSON lines in one directory. One platform thread, the
 * committer, owns the active segment: it takes every append queued meanwhile, writes them as one
 * batch, forces the file to disk, and only then completes their futures (group commit). A batch
 * that fails to write is cut off again and every append in it fails. Readers take the newest
 * events from memory ({@link Tail}) and older ones from the segment files.
 */
public final class FileJournal implements Journal {
    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);
    static final int SEGMENT_EVENTS = 4096;
    static final long SEGMENT_BYTES = 32L * 1024 * 1024;
    private static final int MAX_BATCH = 1024;
    private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);

    private record Pending(String sender, Draft draft, String nonce, CompletableFuture<Event> done) {}

    /** Queued by {@link #close}: the committer writes what came before it, then stops. */
    private static final Pending CLOSE = new Pending(null, null, null, null);

    private final Path dir;
    private final Retention retention;
    private final Supplier<Instant> clock;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock(); // guards segments, tail, head
    private final Condition appended = lock.newCondition();
    private final List<Segment> segments = new ArrayList<>();
    private final Tail tail;
    private final Thread committer;
    private volatile boolean closed;
    private volatile long head;
    private volatile long removedUpTo; // persisted in the file "removed", so that old cursors are told of the gap after a restart
    private long durableBytes; // of the active segment; the committer writes it, readers read it under the lock
    private FileChannel active; // committer only
    private long activeCount; // committer only
    private Instant lastRetentionCheck = Instant.EPOCH; // committer only

    private FileJournal(Path dir, Retention retention, Supplier<Instant> clock) throws IOException {
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
        Files.createDirectories(dir);
        Segments.Loaded loaded = Segments.load(dir);
        removedUpTo = Segments.readRemoved(dir);
        segments.addAll(loaded.segments());
        head = loaded.head();
        durableBytes = loaded.activeBytes();
        activeCount = loaded.activeCount();
        long tailFloor = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).firstId() - 1;
        this.tail = new Tail(8192, 8L * 1024 * 1024, tailFloor);
        fillTail();
        applyRetention();
        this.committer = Thread.ofPlatform().daemon().name("herald-journal").start(this::commitLoop);
    }

    /** Opens (or creates) the journal in {@code dir}, repairing a torn last line. */
    public static FileJournal open(Path dir, Retention retention, Supplier<Instant> clock) throws IOException {
        return new FileJournal(dir, retention, clock);
    }

    /** Loads the newest segment's events into memory. */
    private void fillTail() throws IOException {
        if (segments.isEmpty()) {
            return;
        }
        Segment newest = segments.get(segments.size() - 1);
        long limit = newest.sealed() ? Long.MAX_VALUE : durableBytes;
        SegmentFile.scan(newest.path(), limit, (event, end) -> {
            tail.add(event, 512);
            return true;
        });
    }

    @Override
    public CompletableFuture<Event> append(String sender, Draft draft, String nonce) {
        CompletableFuture<Event> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new JournalException("the journal is closed"));
        } else {
            queue.add(new Pending(sender, draft, nonce, done));
        }
        return done;
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    maybeApplyRetention();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                stop = batch.remove(CLOSE);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                log.error("The journal's committer failed a batch", e);
                batch.forEach(p -> p.done().completeExceptionally(new JournalException("the journal failed: " + e)));
            }
            batch.clear();
        }
        closeActive();
    }

    /** Writes, forces, then acknowledges one batch; on failure cuts the file back and fails the batch. */
    private void commit(List<Pending> batch) {
        Instant now = clock.get();
        List<Event> events = new ArrayList<>(batch.size());
        List<byte[]> lines = new ArrayList<>(batch.size());
        long id = head;
        int bytes = 0;
        for (Pending p : batch) {
            id = EventId.next(id, now);
            Event event = Event.of(id, now, p.sender(), p.draft(), p.nonce());
            byte[] line = SegmentFile.line(event);
            events.add(event);
            lines.add(line);
            bytes += line.length;
        }
        long before = durableBytes;
        try {
            FileChannel channel = activeFor(events.get(0).id());
            before = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(bytes);
            lines.forEach(buffer::put);
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            cutBack(before);
            JournalException failure = new JournalException("the journal could not be written: " + e.getMessage());
            log.warn("Refused {} event(s): {}", batch.size(), failure.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        lock.lock();
        try {
            for (int i = 0; i < events.size(); i++) {
                tail.add(events.get(i), lines.get(i).length);
            }
            head = id;
            durableBytes = before + bytes;
            activeCount += events.size();
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(events.get(i));
        }
        if (activeCount >= SEGMENT_EVENTS || durableBytes >= SEGMENT_BYTES) {
            roll();
        }
    }

    private void cutBack(long size) {
        try {
            if (active != null) {
                active.truncate(size);
                active.force(false);
            }
        } catch (IOException e) {
            log.warn("Could not cut a failed write back; the next start skips the damaged line: {}", e.getMessage());
        }
    }

    /** The active segment's channel, creating the segment (named by {@code firstId}) if there is none. */
    private FileChannel activeFor(long firstId) throws IOException {
        if (active != null) {
            return active;
        }
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last == null || last.sealed()) {
            Segment fresh = new Segment(Segment.activeName(dir, firstId), firstId, -1, false);
            active = FileChannel.open(fresh.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            Segments.forceDirectory(dir);
            lock.lock();
            try {
                segments.add(fresh);
                durableBytes = 0;
                activeCount = 0;
            } finally {
                lock.unlock();
            }
        } else {
            active = FileChannel.open(last.path(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return active;
    }

    /** Seals the active segment; the next append starts a new one. */
    private void roll() {
        closeActive();
        lock.lock();
        try {
            Segment last = segments.get(segments.size() - 1);
            segments.set(segments.size() - 1, Segments.seal(dir, last, activeCount));
        } catch (IOException e) {
            log.warn("Could not seal a journal segment: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
        applyRetention();
    }

    private void closeActive() {
        if (active != null) {
            try {
                active.close();
            } catch (IOException e) {
                log.debug("Closing the journal segment: {}", e.getMessage());
            }
            active = null;
        }
    }

    private void maybeApplyRetention() {
        Instant now = clock.get();
        if (Duration.between(lastRetentionCheck, now).compareTo(RETENTION_CHECK) >= 0) {
            lastRetentionCheck = now;
            applyRetention();
        }
    }

    /** Deletes sealed segments wholly past the age limit, or not needed to keep {@code maxEvents}. */
    private void applyRetention() {
        long oldestKept = EventId.floor(clock.get().minus(retention.maxAge()));
        lock.lock();
        try {
            long total = 0;
            for (Segment s : segments) {
                total += s.sealed() ? s.count() : activeCount;
            }
            while (segments.size() > 1 && segments.get(0).sealed()) {
                Segment oldest = segments.get(0);
                boolean tooOld = segments.get(1).firstId() <= oldestKept; // every event in it is older than that
                boolean tooMany = total - oldest.count() >= retention.maxEvents();
                if (!tooOld && !tooMany) {
                    break;
                }
                Files.deleteIfExists(oldest.path());
                segments.remove(0);
                total -= oldest.count();
                removedUpTo = segments.get(0).firstId() - 1;
                Segments.writeRemoved(dir, removedUpTo);
            }
            tail.dropBelow(first());
        } catch (IOException e) {
            log.warn("Could not delete an old journal segment: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Event> read(long after, int max) throws JournalException {
        List<Segment> snapshot;
        long limit;
        lock.lock();
        try {
            if (tail.covers(after)) {
                return tail.after(after, max);
            }
            snapshot = List.copyOf(segments);
            limit = durableBytes;
        } finally {
            lock.unlock();
        }
        List<Event> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < snapshot.size(); i++) {
            if (snapshot.get(i).firstId() <= after) {
                from = i;
            }
        }
        try {
            for (int i = from; i < snapshot.size() && out.size() < max; i++) {
                Segment s = snapshot.get(i);
                SegmentFile.scan(s.path(), s.sealed() ? Long.MAX_VALUE : limit, (event, end) -> {
                    if (event.id() > after) {
                        out.add(event);
                    }
                    return out.size() < max;
                });
            }
        } catch (IOException e) {
            throw new JournalException("the journal could not be read: " + e.getMessage());
        }
        return out;
    }

    @Override
    public Event find(long id) throws JournalException {
        List<Event> found = read(id - 1, 1);
        return found.isEmpty() || found.get(0).id() != id ? null : found.get(0);
    }

    @Override
    public long head() {
        return head;
    }

    @Override
    public long first() {
        lock.lock();
        try {
            return segments.isEmpty() ? head + 1 : segments.get(0).firstId();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long removedUpTo() {
        return removedUpTo;
    }

    @Override
    public long awaitAfter(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (head <= after && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                appended.awaitNanos(left);
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(CLOSE);
        try {
            committer.join(2000); // drains the queue: what was accepted is written before the journal closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new JournalException("the journal is closed"));
        }
    }
}
