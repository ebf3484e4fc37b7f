package dev.herald.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where recent events went (which sessions wrote them to their client), for {@code herald send
 * --wait}: the last 10,000 events are remembered; a waiter is told at the first delivery.
 * Thread-safe.
 */
final class Deliveries {
    private static final int REMEMBERED = 10_000;

    /** One session that put the event on its client's output. */
    record Delivery(String session, String inbox) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, List<Delivery>> byEvent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Delivery>> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<Long, List<CompletableFuture<List<Delivery>>>> waiters = new LinkedHashMap<>();

    void record(long id, Delivery delivery) {
        List<CompletableFuture<List<Delivery>>> waiting;
        List<Delivery> now;
        lock.lock();
        try {
            List<Delivery> list = byEvent.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.size() < 100) {
                list.add(delivery);
            }
            now = List.copyOf(list);
            waiting = waiters.remove(id);
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.forEach(w -> w.complete(now));
        }
    }

    /** Completes with the deliveries so far once there is one, or empty after {@code timeout}. */
    CompletableFuture<List<Delivery>> await(long id, Duration timeout) {
        CompletableFuture<List<Delivery>> done = new CompletableFuture<>();
        lock.lock();
        try {
            List<Delivery> known = byEvent.get(id);
            if (known != null && !known.isEmpty()) {
                done.complete(List.copyOf(known));
                return done;
            }
            waiters.computeIfAbsent(id, k -> new ArrayList<>()).add(done);
        } finally {
            lock.unlock();
        }
        done.completeOnTimeout(List.of(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((v, e) -> {
            lock.lock();
            try {
                List<CompletableFuture<List<Delivery>>> list = waiters.get(id);
                if (list != null && list.remove(done) && list.isEmpty()) {
                    waiters.remove(id);
                }
            } finally {
                lock.unlock();
            }
        });
        return done;
    }
}
