package dev.herald.server;

import dev.herald.jsonrpc.Id;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls in flight on one connection: the ids in use, the in-flight bound, and the count of
 * calls whose response is not yet with the transport, which shutdown waits on. Only the reader
 * thread adds; calls' threads release and settle; the closing thread waits.
 */
final class CallTable {
    private final Map<Id, Call> calls = new ConcurrentHashMap<>();
    private final InFlightLimit limit;
    private final AtomicInteger unsettled = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();

    CallTable(int maxInFlight) {
        this.limit = new InFlightLimit(maxInFlight);
    }

    /** True if a call in flight has this id. */
    boolean inUse(Id id) {
        return calls.containsKey(id);
    }

    /** Reader thread: takes a place for one more call, or false at the bound (see {@link InFlightLimit}). */
    boolean admit() {
        return limit.acquire();
    }

    /** Reader thread, after {@link #admit}: the call is in flight. */
    void add(Call call) {
        unsettled.incrementAndGet();
        calls.put(call.id(), call); // only the reader thread adds, so an inUse check just before still holds
    }

    Call get(Id id) {
        return calls.get(id);
    }

    /** The call's outcome is decided: its id is free for a new request. */
    void released(Call call) {
        calls.remove(call.id(), call);
    }

    /** The call's response, if any, is with the transport: it no longer counts as in flight ({@code counted}: it held a place). */
    void settled(boolean counted) {
        if (counted) {
            limit.release();
        }
        if (unsettled.decrementAndGet() == 0) {
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until every call has handed over its response, or {@code within} has passed. */
    void awaitSettled(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (unsettled.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !drained.await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The calls still running, for shutdown to abort. */
    List<Call> running() {
        return List.copyOf(calls.values());
    }

    int size() {
        return calls.size();
    }
}
