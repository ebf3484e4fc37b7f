package dev.herald.ingress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.Herald;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.Hub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener of a dedicated hub: the JDK's own server, its dispatcher thread accepting,
 * each exchange on a virtual thread of its own. At most {@code maxRequests} exchanges run at once
 * (an open event stream holds one); one past that waits briefly for a slot, then gets 503. Every
 * answer that is not a success is JSON {@code {"error": ...}}. Closing stops accepting, ends the
 * streams and waits a moment for the rest.
 */
public final class Ingress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ingress.class);

    static {
        // Read once, when the JDK server's configuration class loads: a backstop for a request whose
        // headers trickle (the bodies have their own deadline), and no Nagle delay on small answers.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    }

    /** All /healthz tells: no paths, names or counts. */
    private record Healthy(String status, String version) {}

    private static final Healthy HEALTHY = new Healthy("ok", Herald.VERSION);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final IngressSettings settings;
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Set<Thread> streams = ConcurrentHashMap.newKeySet();
    private final Publishing publishing;
    private final Reads reads;
    private volatile boolean closed;

    private Ingress(HttpServer server, Hub hub, HeraldHome home, Sources sources, IngressSettings settings, Supplier<Instant> clock) {
        this.server = server;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxRequests());
        Gate gate = new Gate(home);
        this.publishing = new Publishing(hub, gate, sources, settings, clock);
        this.reads = new Reads(hub.journal(), gate, settings);
    }

    /** Serves on {@code address} for {@code hub}; makes the token if there is none; refuses a sources.json it cannot use. */
    public static Ingress start(Hub hub, HeraldHome home, InetSocketAddress address) throws IOException {
        return start(hub, home, address, IngressSettings.DEFAULT, Instant::now);
    }

    static Ingress start(Hub hub, HeraldHome home, InetSocketAddress address, IngressSettings settings, Supplier<Instant> clock)
            throws IOException {
        Token.current(home);
        Sources sources;
        try {
            sources = Sources.load(home);
        } catch (Sources.InvalidException e) {
            throw new IOException(e.getMessage());
        }
        HttpServer server = HttpServer.create(address, 128);
        Ingress ingress = new Ingress(server, hub, home, sources, settings, clock);
        server.createContext("/", ingress::handle);
        server.setExecutor(ingress.executor);
        server.start();
        log.info("HTTP listener on {}:{} ({} signed source(s))", ingress.address().getAddress().getHostAddress(), ingress.address().getPort(),
                sources.size());
        return ingress;
    }

    /** The bearer token, made now if there is none. */
    public static String token(HeraldHome home) throws IOException {
        return Token.current(home);
    }

    /** A new bearer token in place of the old, which stops working at once. */
    public static String rotateToken(HeraldHome home) throws IOException {
        return Token.rotate(home);
    }

    /** The address bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The most exchanges that ran at once so far. */
    int peak() {
        return peak.get();
    }

    private void handle(HttpExchange x) {
        try (x) {
            if (!slots.tryAcquire(settings.slotWait().toMillis(), TimeUnit.MILLISECONDS)) {
                Http.refuse(x, new Refusal(Failure.BUSY, "busy: " + settings.maxRequests() + " requests are being served; retry shortly",
                        Map.of("Retry-After", "1"), Map.of()));
                return;
            }
            try {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                serve(x);
            } finally {
                running.decrementAndGet();
                slots.release();
            }
        } catch (IOException e) {
            log.debug("HTTP client went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("HTTP request {} {} failed", x.getRequestMethod(), x.getRequestURI().getRawPath(), e);
        }
    }

    private void serve(HttpExchange x) throws IOException {
        try {
            switch (Target.of(x.getRequestMethod(), x.getRequestURI().getRawPath())) {
                case Target.Health h -> Http.json(x, 200, HEALTHY);
                case Target.PostEvent p -> publishing.event(x);
                case Target.Poll p -> reads.poll(x);
                case Target.Stream s -> stream(x);
                case Target.Topic t -> publishing.topic(x, t.topic());
                case Target.Source s -> publishing.source(x, s.name());
            }
        } catch (Refusal r) {
            if (r.failure.status >= 500) {
                log.warn("HTTP {} {}: {}", x.getRequestMethod(), x.getRequestURI().getRawPath(), r.getMessage());
            }
            Http.refuse(x, r);
        } catch (Body.CutOffException e) {
            log.debug("Cut off an HTTP client: {}", e.getMessage());
        }
    }

    private void stream(HttpExchange x) throws Refusal, IOException {
        Thread self = Thread.currentThread();
        streams.add(self);
        try {
            reads.stream(x, () -> closed);
        } finally {
            streams.remove(self);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.forEach(Thread::interrupt);
        server.stop(1); // stops accepting; gives exchanges in progress up to a second
        executor.shutdownNow();
        log.info("HTTP listener stopped");
    }
}
