package dev.herald.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets per sender: {@code rate} events a second, bursts of {@code burst}. At most 10,000
 * senders are tracked; the longest-idle one is forgotten first (it would be full again anyway).
 * Thread-safe.
 */
final class RateLimiter {
    private static final int MAX_SENDERS = 10_000;

    private static final class Bucket {
        double tokens;
        long at;
    }

    private final double rate;
    private final double burst;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    RateLimiter(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** Takes one token for {@code sender}: 0 if granted, else how many milliseconds until one is free. */
    long take(String sender, long nowNanos) {
        lock.lock();
        try {
            Bucket b = buckets.computeIfAbsent(sender, s -> {
                Bucket fresh = new Bucket();
                fresh.tokens = burst;
                fresh.at = nowNanos;
                return fresh;
            });
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.at) / 1e9 * rate);
            b.at = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / rate * 1000);
        } finally {
            lock.unlock();
        }
    }
}
