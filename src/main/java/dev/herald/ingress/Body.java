package dev.herald.ingress;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request body on the request's own virtual thread, bounded in size and in time. A body
 * whose Content-Length is over the limit is refused before a byte of it is read; one that passes
 * the limit while streaming (chunked) is refused there. Past the deadline the reading thread is
 * interrupted, which closes its connection: a client trickling its body is cut off.
 */
final class Body {
    /** One daemon thread that only fires deadlines. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-http-deadlines");
        t.setDaemon(true);
        return t;
    });

    /** The connection was cut off: the body did not arrive in time. Nothing can be answered. */
    static final class CutOffException extends IOException {
        CutOffException(Duration deadline) {
            super("the body did not arrive within " + deadline.toMillis() + " ms", null);
        }
    }

    private Body() {
        throw new AssertionError();
    }

    /** Refuses a declared length over {@code limit} without reading; call before anything else reads the body. */
    static void checkLength(HttpExchange x, int limit) throws Refusal {
        String declared = x.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return;
        }
        try {
            if (Long.parseLong(declared.trim()) <= limit) {
                return;
            }
        } catch (NumberFormatException e) {
            throw Refusal.of(Failure.BAD_REQUEST, "Content-Length is not a number");
        }
        throw tooLarge(limit);
    }

    static byte[] read(HttpExchange x, int limit, Duration deadline) throws Refusal, IOException {
        checkLength(x, limit);
        Thread reader = Thread.currentThread();
        AtomicBoolean cut = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            if (done.compareAndSet(false, true)) { // the reader has not finished: cut it off
                cut.set(true);
                reader.interrupt();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            InputStream in = x.getRequestBody();
            byte[] bytes = in.readNBytes(limit + 1);
            if (!done.compareAndSet(false, true)) {
                throw new CutOffException(deadline); // the deadline fired as the last bytes came
            }
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            if (cut.get()) {
                throw new CutOffException(deadline);
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    private static Refusal tooLarge(int limit) {
        return Refusal.of(Failure.TOO_LARGE, "the request body is over " + limit / 1024 + " KiB");
    }
}
