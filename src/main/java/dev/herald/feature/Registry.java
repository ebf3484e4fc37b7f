package dev.herald.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Named entries in insertion order. Any thread may read (a lock-free snapshot) or change it (under
 * a lock); the change listener runs after the lock is released, on the changing thread, so it may
 * send notifications without risking a deadlock.
 */
public final class Registry<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, E> entries = new LinkedHashMap<>();
    private volatile List<E> snapshot = List.of();
    private volatile Runnable onChange = () -> {};

    /** Sets the action run after every change. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Adds or replaces the entry under {@code name}. */
    public void put(String name, E entry) {
        lock.lock();
        try {
            entries.put(name, entry);
            snapshot = List.copyOf(entries.values());
        } finally {
            lock.unlock();
        }
        onChange.run();
    }

    /** Adds the entry unless the name is taken or the registry holds {@code max} entries; true if added. */
    public boolean add(String name, E entry, int max) {
        lock.lock();
        try {
            if (entries.containsKey(name) || entries.size() >= max) {
                return false;
            }
            entries.put(name, entry);
            snapshot = List.copyOf(entries.values());
        } finally {
            lock.unlock();
        }
        onChange.run();
        return true;
    }

    /** Removes the entry; returns it, or null if there was none. */
    public E remove(String name) {
        E removed;
        lock.lock();
        try {
            removed = entries.remove(name);
            if (removed != null) {
                snapshot = List.copyOf(entries.values());
            }
        } finally {
            lock.unlock();
        }
        if (removed != null) {
            onChange.run();
        }
        return removed;
    }

    public E get(String name) {
        lock.lock();
        try {
            return entries.get(name);
        } finally {
            lock.unlock();
        }
    }

    /** The entries at this moment, in insertion order. */
    public List<E> list() {
        return snapshot;
    }

    public int size() {
        return snapshot.size();
    }
}
