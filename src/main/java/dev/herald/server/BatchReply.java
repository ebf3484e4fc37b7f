package dev.herald.server;

import dev.herald.jsonrpc.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Collects the responses to one batch (2025-03-26) and sends them as one array, in the order of
 * the requests, once every request in it has an outcome; nothing at all if none produced a
 * response. The reader thread opens the slots; the requests' own threads fill them.
 */
final class BatchReply {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Message.Response> slots = new ArrayList<>();
    private final Consumer<List<Message.Response>> send;
    private int outstanding;
    private boolean sealed;

    BatchReply(Consumer<List<Message.Response>> send) {
        this.send = send;
    }

    /** Opens the slot for the next request of the batch. */
    ResponseSink slot() {
        int index;
        lock.lock();
        try {
            index = slots.size();
            slots.add(null);
            outstanding++;
        } finally {
            lock.unlock();
        }
        return new ResponseSink() {
            @Override
            public void answer(Message.Response response) {
                settle(index, response);
            }

            @Override
            public void skip() {
                settle(index, null);
            }
        };
    }

    /** Every element of the batch has been routed. */
    void seal() {
        lock.lock();
        try {
            sealed = true;
        } finally {
            lock.unlock();
        }
        sendIfComplete();
    }

    private void settle(int index, Message.Response response) {
        lock.lock();
        try {
            slots.set(index, response);
            outstanding--;
        } finally {
            lock.unlock();
        }
        sendIfComplete();
    }

    private void sendIfComplete() {
        List<Message.Response> ready;
        lock.lock();
        try {
            if (!sealed || outstanding != 0 || slots.isEmpty()) {
                return;
            }
            ready = slots.stream().filter(Objects::nonNull).toList();
            slots.clear();
        } finally {
            lock.unlock();
        }
        if (!ready.isEmpty()) {
            send.accept(ready);
        }
    }
}
