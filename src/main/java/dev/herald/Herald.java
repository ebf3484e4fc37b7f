package dev.herald;

import dev.herald.catalogue.Catalogue;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Json;
import dev.herald.notify.Scheduler;
import dev.herald.protocol.Implementation;
import dev.herald.events.EventsExtension;
import dev.herald.route.SessionLink;
import dev.herald.server.Server;
import dev.herald.server.Session;
import dev.herald.transport.StdioTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one stdio server: codec, transport, shared server with the catalogue, one session.
 * {@link #serve} runs the reader loop on the calling thread until end of input; {@link #shutdown}
 * may be called from any thread (a signal handler) and is idempotent.
 */
public final class Herald {
    private static final Logger log = LoggerFactory.getLogger(Herald.class);
    /** How long queued output may take to drain at exit. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofMillis(300);

    public static final String NAME = "herald";
    public static final String VERSION = versionFromManifest();
    static final String INSTRUCTIONS = "Herald demonstrates real MCP server notifications. Call send_notification for a log "
            + "message, long_running_operation for progress, start_background_task for periodic notifications and resource "
            + "updates, and add_tool or add_note to see list_changed. Subscribe to herald://clock for an update every second.";

    private final Server server;
    private final StdioTransport transport;
    private final Session session;
    private final SessionLink link;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch down = new CountDownLatch(1);
    private volatile Runnable afterOutputBroken = () -> { };

    public Herald(InputStream in, OutputStream out, Options options, Scheduler scheduler) {
        this(in, out, options, scheduler, server -> { });
    }

    /** As above, with {@code extensions} registering extra tools, resources or prompts before serving. */
    public Herald(InputStream in, OutputStream out, Options options, Scheduler scheduler, Consumer<Server> extensions) {
        Codec codec = new Codec(Json.mapper(options.maxMessageBytes()));
        Implementation info = new Implementation(NAME, "Herald", VERSION, "An MCP server that sends every kind of server notification");
        this.server = new Server(info, INSTRUCTIONS, options, scheduler);
        Warmup warmup = new Warmup(codec, server);
        this.link = SessionLink.open(options.events(), System.getenv(), server, scheduler::now);
        Catalogue.install(server, link.mailbox());
        if (link.connected()) {
            EventsExtension.install(server, link.mailbox());
        }
        extensions.accept(server);
        warmup.catalogueReady();
        this.transport = new StdioTransport(in, out, options.maxMessageBytes(), this::outputBroken);
        this.session = new Session(server, codec, transport);
    }

    /** Serves until end of input, then shuts down; returns the exit status. */
    public int serve() {
        try {
            transport.serve(session);
            log.debug("End of input");
        } catch (IOException e) {
            log.info("Standard input failed ({}); stopping", e.getMessage());
        } catch (RuntimeException | Error e) {
            log.error("The reader stopped unexpectedly; shutting down", e);
        } finally {
            shutdown();
        }
        return 0;
    }

    /**
     * Stops background jobs, gives in-flight requests their grace, flushes output. The first call
     * does the work; any other (end of input racing SIGTERM) waits until it is done, so no caller
     * can exit the process halfway through.
     */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            awaitUninterruptibly(down);
            return;
        }
        try {
            server.scheduler().close();
            session.close(server.options().shutdownGrace());
            transport.close(FLUSH_TIMEOUT); // first: the last events written are acknowledged to the hub as they flush
            link.close();
        } finally {
            down.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets what happens after the shutdown that a broken output pipe (the client gone) triggers. */
    public void afterOutputBroken(Runnable action) {
        this.afterOutputBroken = action;
    }

    private void outputBroken() {
        // The client is gone: nothing more can be said to it, so stop now rather than at end of input.
        Thread.ofPlatform().daemon().start(() -> {
            shutdown();
            afterOutputBroken.run();
        });
    }

    public Server server() {
        return server;
    }

    /** Bytes queued for the client and not yet written, as the transport's budgets count them. */
    public long outputBacklogBytes() {
        return transport.backlogBytes();
    }

    private static String versionFromManifest() {
        String v = Herald.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
