package dev.herald;

import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Message;
import dev.herald.protocol.InitializeResult;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ServerCapabilities;
import dev.herald.server.Server;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Does the first-use work of a session (Jackson's parsing set-up and its introspection of the wire
 * records) on a second core while the main thread builds the catalogue and waits for the client:
 * a host starts Herald and sends initialize at once. Measured: about 10 ms off spawn to initialize
 * response on 2 cores (README, Speed).
 * Runs on one short-lived daemon thread; writes nothing anywhere; results are thrown away, and only
 * the caches they fill (in the shared codec's mapper) remain.
 */
final class Warmup {
    private static final byte[] SAMPLE = """
            {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"warm"},"_meta":{"progressToken":1}}}\
            """.getBytes(StandardCharsets.UTF_8);

    private final CountDownLatch catalogue = new CountDownLatch(1);

    /** Starts warming the codec's paths now; the catalogue's once {@link #catalogueReady} is called. */
    Warmup(Codec codec, Server server) {
        Thread.ofPlatform().daemon().name("herald-warmup").start(() -> run(codec, server));
    }

    void catalogueReady() {
        catalogue.countDown();
    }

    private void run(Codec codec, Server server) {
        try {
            codec.decode(SAMPLE, 0, SAMPLE.length);
            Id id = new Id.Num(0);
            ProtocolVersion v = ProtocolVersion.LATEST;
            codec.encode(new Message.Success(id, new InitializeResult(v, ServerCapabilities.forVersion(v),
                    server.info().forVersion(v), server.instructions())));
            catalogue.await();
            codec.encode(new Message.Success(id, Map.of("tools", server.tools().list(null, Integer.MAX_VALUE, v).items())));
            codec.encode(new Message.Success(id, Map.of("resources", server.resources().list(null, Integer.MAX_VALUE, v).items())));
            codec.encode(new Message.Success(id, Map.of("prompts", server.prompts().list(null, Integer.MAX_VALUE, v).items())));
            UUID.randomUUID(); // seeds the secure random that task ids come from
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Warmup.class).debug("Warm-up failed; the first requests will be slower", e);
        }
    }
}
