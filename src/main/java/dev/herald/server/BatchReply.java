package dev.herald.server;

import dev.herald.jsonrpc.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Collects the responses to one batch (2025-03-26) and sends them as one array once every request
 * in it has an outcome; nothing at all if none produced a response. The reader thread registers
 * the requests; their own threads report outcomes.
 */
final class BatchReply implements ResponseSink {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Message.Response> responses = new ArrayList<>();
    private final Consumer<List<Message.Response>> send;
    private int outstanding;
    private boolean sealed;

    BatchReply(Consumer<List<Message.Response>> send) {
        this.send = send;
    }

    /** One more request in this batch will report an outcome. */
    void expect() {
        lock.lock();
        try {
            outstanding++;
        } finally {
            lock.unlock();
        }
    }

    /** Every element of the batch has been routed. */
    void seal() {
        settle(null, false);
    }

    @Override
    public void answer(Message.Response response) {
        settle(response, true);
    }

    @Override
    public void skip() {
        settle(null, true);
    }

    private void settle(Message.Response response, boolean outcome) {
        List<Message.Response> ready = null;
        lock.lock();
        try {
            if (response != null) {
                responses.add(response);
            }
            if (outcome) {
                outstanding--;
            } else {
                sealed = true;
            }
            if (sealed && outstanding == 0 && !responses.isEmpty()) {
                ready = List.copyOf(responses);
                responses.clear();
            }
        } finally {
            lock.unlock();
        }
        if (ready != null) {
            send.accept(ready);
        }
    }
}
