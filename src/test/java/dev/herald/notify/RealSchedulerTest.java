package dev.herald.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RealSchedulerTest {
    @Test
    void aFailingPeriodicJobKeepsItsScheduleAndCloseStopsEverything() throws Exception {
        RealScheduler scheduler = new RealScheduler();
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicInteger runs = new AtomicInteger();
        scheduler.every(Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            threeRuns.countDown();
            throw new IllegalStateException("job failure");
        });
        assertTrue(threeRuns.await(5, TimeUnit.SECONDS), "the job kept running after failing");
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.close();
        scheduler.after(Duration.ZERO, ran::countDown);
        assertEquals(1, ran.getCount(), "nothing runs after close");
    }
}
