package dev.herald.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.Herald;
import dev.herald.Options;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Herald served in-process on its own thread, with a client that has finished the handshake. For tests. */
public record InProcess(Pipes.Feed in, Pipes.Capture capture, Gate out, Herald herald, Thread serving) {
    public static final Duration WAIT = Duration.ofSeconds(30);

    /** Starts a server with these extensions and does the 2025-11-25 handshake. */
    public static InProcess start(Consumer<Server> extensions) throws Exception {
        Pipes.Feed in = new Pipes.Feed();
        Pipes.Capture capture = new Pipes.Capture();
        Gate out = new Gate(capture);
        Herald herald = new Herald(in, out, Options.DEFAULTS, new ManualScheduler(), extensions);
        Thread serving = Thread.ofPlatform().daemon().start(herald::serve);
        in.line("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"in-process\",\"version\":\"1\"}}}");
        assertTrue(capture.take(WAIT) != null, "no answer to initialize");
        in.line("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return new InProcess(in, capture, out, herald, serving);
    }

    /** Ends the input and waits for the server to exit. */
    public void stop() throws InterruptedException {
        in.close();
        serving.join(WAIT);
        assertTrue(!serving.isAlive(), "the server did not exit after end of input");
    }

    /** Waits for a condition that no event signals (another thread's progress), failing after {@link #WAIT}. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }
}
