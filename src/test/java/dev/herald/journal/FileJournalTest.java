package dev.herald.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.event.Draft;
import dev.herald.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file journal on its own: durability across reopen, a torn last line, order, retention by count and age. */
class FileJournalTest {
    @TempDir
    Path dir;

    private static Draft draft(String body) throws Exception {
        return Draft.of(null, null, null, body, null, List.of(), null);
    }

    @Test
    void whatWasAcknowledgedIsThereAfterReopeningAndATornLastLineIsSkipped() throws Exception {
        Event first;
        try (FileJournal j = FileJournal.open(dir, Retention.DEFAULT, Instant::now)) {
            first = j.append("cli:t", draft("one"), null).get();
            j.append("cli:t", draft("two"), "n").get();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"id\":\"01a2", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a crash mid-write
        try (FileJournal j = FileJournal.open(dir, Retention.DEFAULT, Instant::now)) {
            List<Event> all = j.read(0, 100);
            assertEquals(List.of("one", "two"), all.stream().map(Event::body).toList());
            assertEquals("n", all.get(1).nonce());
            assertEquals(first, j.find(first.id()));
            Event three = j.append("cli:t", draft("three"), null).get();
            assertTrue(three.id() > all.get(1).id(), "ids keep increasing after a restart");
        }
        try (FileJournal j = FileJournal.open(dir, Retention.DEFAULT, Instant::now)) {
            assertEquals(List.of("one", "two", "three"), j.read(0, 100).stream().map(Event::body).toList(), "the torn bytes were cut off");
        }
    }

    @Test
    void retentionDropsWholeOldSegmentsByCountAndByAge() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
        long total = FileJournal.SEGMENT_EVENTS * 5L + 10; // segments hold a little more than SEGMENT_EVENTS: a batch is never split
        try (FileJournal j = FileJournal.open(dir, new Retention(Duration.ofDays(7), FileJournal.SEGMENT_EVENTS * 2L), now::get)) {
            for (long i = 0; i < total; i++) {
                j.append("cli:t", draft("e" + i), null);
            }
            j.append("cli:t", draft("last"), null).get();
            List<Event> kept = j.read(0, Integer.MAX_VALUE);
            assertTrue(kept.size() >= FileJournal.SEGMENT_EVENTS * 2 && kept.size() < total, "the oldest segment went: kept " + kept.size());
            assertEquals("last", kept.get(kept.size() - 1).body());
            assertEquals(kept.get(0).id(), j.first());
            assertEquals(j.first() - 1, j.removedUpTo(), "a cursor before the first retained event is told of the gap");
        }
        now.set(now.get().plus(Duration.ofDays(8)));
        try (FileJournal j = FileJournal.open(dir, new Retention(Duration.ofDays(7), 1_000_000), now::get)) {
            j.append("cli:t", draft("fresh"), null).get();
            List<Event> kept = j.read(0, Integer.MAX_VALUE);
            assertTrue(kept.size() <= FileJournal.SEGMENT_EVENTS + 1, "only the newest segment outlives the age limit: " + kept.size());
            assertNull(j.find(1));
        }
    }

    @Test
    void readsServeOldEventsFromDiskAndNewOnesFromMemoryInOrder() throws Exception {
        try (FileJournal j = FileJournal.open(dir, Retention.DEFAULT, Instant::now)) {
            for (int i = 0; i < 10_000; i++) {
                j.append("cli:t", draft("e" + i), null);
            }
            j.append("cli:t", draft("e10000"), null).get();
            List<Event> all = j.read(0, Integer.MAX_VALUE);
            assertEquals(10_001, all.size());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i).id() > all.get(i - 1).id());
                assertEquals("e" + i, all.get(i).body());
            }
            assertEquals(List.of("e5001", "e5002"), j.read(all.get(5000).id(), 2).stream().map(Event::body).toList());
        }
    }
}
