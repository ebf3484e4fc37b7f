package dev.herald.hub;

import dev.herald.jsonrpc.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Claude Code permission prompts relayed through the hub: which session asked, and whether a
 * verdict was given. Only the first verdict per request id counts; a request is open for 10
 * minutes. Kept in the hub's memory (a hand-over forgets open prompts). Thread-safe.
 */
final class Permissions {
    static final Duration OPEN = Duration.ofMinutes(10);
    /** Claude Code's request ids: five lower-case letters without l. */
    static final Pattern REQUEST_ID = Pattern.compile("[a-km-z]{5}");
    private static final int MAX_OPEN = 1000;

    private record Request(Peer asker, Instant at, boolean answered) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Request> requests = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Request> eldest) {
            return size() > MAX_OPEN;
        }
    };

    void open(String requestId, Peer asker, Instant now) {
        lock.lock();
        try {
            requests.put(requestId, new Request(asker, now, false));
        } finally {
            lock.unlock();
        }
    }

    /** Records the first verdict and returns the session to tell; refuses unknown, expired and answered ids. */
    Peer answer(String requestId, Instant now) {
        lock.lock();
        try {
            Request r = requests.get(requestId);
            if (r == null) {
                throw RpcException.invalidParams("No permission request " + requestId + " is waiting (unknown id)");
            }
            if (r.answered()) {
                throw RpcException.invalidParams("Permission request " + requestId + " was already answered");
            }
            if (r.at().plus(OPEN).isBefore(now)) {
                throw RpcException.invalidParams("Permission request " + requestId + " expired (requests are open for 10 minutes)");
            }
            if (r.asker().closed()) {
                throw RpcException.invalidParams("The session that asked for " + requestId + " is gone");
            }
            requests.put(requestId, new Request(r.asker(), r.at(), true));
            return r.asker();
        } finally {
            lock.unlock();
        }
    }
}
