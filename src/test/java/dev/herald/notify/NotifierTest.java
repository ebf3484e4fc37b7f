package dev.herald.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.LogLevel;
import dev.herald.testing.ManualScheduler;
import dev.herald.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notifier's session rules, with a queue the test drains by hand (a client that reads slowly). */
class NotifierTest {
    private final List<Transport.Frame> queued = new ArrayList<>();
    private final NotificationLog log = new NotificationLog(new ManualScheduler()::now);
    private final Notifier notifier = new Notifier(new Codec(Json.mapper(1024)), queued::add, log, LogLevel.INFO);

    private List<String> drain() {
        List<String> lines = new ArrayList<>();
        for (Transport.Frame frame : queued) {
            byte[] bytes = frame.render();
            if (bytes != null) {
                lines.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        queued.clear();
        return lines;
    }

    @Test
    void changesWaitForInitializedThenGoOutOnceEach() {
        notifier.listChanged(ListKind.TOOLS);
        notifier.resourceUpdated("herald://a");
        notifier.listChanged(ListKind.TOOLS);
        assertTrue(notifier.log(LogLevel.WARNING, "x", "early"), "log messages may go before initialized");
        assertEquals(1, queued.size());
        notifier.ready();
        assertEquals(List.of(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"warning\",\"logger\":\"x\",\"data\":\"early\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"herald://a\"}}"), drain());
    }

    @Test
    void aQueuedChangeAbsorbsIdenticalOnesUntilItIsWritten() {
        notifier.ready();
        for (int i = 0; i < 5; i++) {
            notifier.listChanged(ListKind.PROMPTS);
            notifier.resourceUpdated("herald://b");
        }
        notifier.resourceUpdated("herald://c");
        assertEquals(3, drain().size());
        notifier.listChanged(ListKind.PROMPTS);
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\"}"), drain());
        assertEquals(Map.of("notifications/prompts/list_changed", 2L, "notifications/resources/updated", 2L), log.counts());
    }

    @Test
    void logMessagesBelowTheClientLevelAreNotSent() {
        assertFalse(notifier.log(LogLevel.DEBUG, null, "quiet"));
        notifier.level(LogLevel.DEBUG);
        assertTrue(notifier.log(LogLevel.DEBUG, null, "loud"));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"debug\",\"data\":\"loud\"}}"), drain());
    }
}
