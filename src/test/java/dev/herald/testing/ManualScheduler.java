package dev.herald.testing;

import dev.herald.notify.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scheduler whose time moves only when a test calls {@link #advance}; due jobs then run on the
 * advancing thread, in time order, so background notifications are deterministic.
 */
public final class ManualScheduler implements Scheduler {
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now = EPOCH;
    private long sequence;
    private boolean closed;

    private final class Entry implements Comparable<Entry>, Job {
        final long order = sequence++;
        final Duration period;
        final Runnable task;
        Instant due;
        boolean cancelled;

        Entry(Instant due, Duration period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                queue.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Job after(Duration delay, Runnable task) {
        return add(delay, null, task);
    }

    @Override
    public Job every(Duration period, Runnable task) {
        return add(period, period, task);
    }

    private Job add(Duration delay, Duration period, Runnable task) {
        lock.lock();
        try {
            Entry e = new Entry(now.plus(delay), period, task);
            if (!closed) {
                queue.add(e);
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward, running every job that falls due on the way. */
    public void advance(Duration by) {
        Instant target;
        lock.lock();
        try {
            target = now.plus(by);
        } finally {
            lock.unlock();
        }
        while (true) {
            Entry next;
            lock.lock();
            try {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
                if (next.period != null) {
                    next.due = next.due.plus(next.period);
                    queue.add(next);
                }
            } finally {
                lock.unlock();
            }
            next.task.run();
        }
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Jobs waiting to run. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
    }
}
