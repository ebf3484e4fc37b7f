package dev.herald.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;
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
    private boolean congested;
    private final NotificationLog log = new NotificationLog(new ManualScheduler()::now);
    private final Notifier notifier = new Notifier(new Codec(Json.mapper(1024)), queued::add, () -> congested, log, LogLevel.INFO);

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

    private static String progressLine(String token, int value) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + token
                + ",\"progress\":" + value + "}}";
    }

    @Test
    void whileCongestedAQueuedProgressNotificationAbsorbsNewerValues() {
        ProgressStream stream = new ProgressStream(com.fasterxml.jackson.databind.node.IntNode.valueOf(7));
        notifier.progress(stream, ProtocolVersion.LATEST, 1, null, null);
        congested = true;
        for (int i = 2; i <= 5; i++) {
            notifier.progress(stream, ProtocolVersion.LATEST, i, null, null);
        }
        congested = false;
        notifier.progress(stream, ProtocolVersion.LATEST, 6, null, null); // a value is still waiting: it joins it, so order holds
        assertEquals(2, queued.size());
        assertEquals(List.of(progressLine("7", 1), progressLine("7", 6)), drain());
        notifier.progress(stream, ProtocolVersion.LATEST, 7, null, null);
        assertEquals(List.of(progressLine("7", 7)), drain());
    }

    @Test
    void whileCongestedLogMessagesAreDroppedAndCountedOnceDrained() {
        congested = true;
        assertTrue(notifier.log(LogLevel.INFO, "a", "one"), "it passed the level; only delivery is held back");
        notifier.log(LogLevel.ERROR, "a", "two");
        assertTrue(queued.isEmpty());
        congested = false;
        notifier.drained();
        notifier.drained();
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"warning\","
                + "\"logger\":\"herald\",\"data\":\"Herald dropped 2 log messages while the client was not reading its output\"}}"), drain());
    }

    @Test
    void theDropReportPassesTheClientsOwnLevel() {
        notifier.level(LogLevel.ERROR);
        congested = true;
        notifier.log(LogLevel.CRITICAL, "a", "lost");
        congested = false;
        notifier.drained();
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"error\","
                + "\"logger\":\"herald\",\"data\":\"Herald dropped 1 log message while the client was not reading its output\"}}"), drain());
    }

    @Test
    void everyFrameCountsTheBytesItWrites() {
        notifier.ready();
        notifier.log(LogLevel.INFO, "a", "x".repeat(100_000));
        notifier.listChanged(ListKind.TOOLS);
        notifier.resourceUpdated("herald://a");
        notifier.send("notifications/custom", Map.of("n", 1));
        notifier.progress(new ProgressStream(com.fasterxml.jackson.databind.node.TextNode.valueOf("t")), ProtocolVersion.LATEST, 1, 2.0, "m");
        assertEquals(5, queued.size());
        for (Transport.Frame frame : List.copyOf(queued)) {
            int hint = frame.sizeHint();
            assertEquals(frame.render().length, hint, "the size counted against the byte budget is the size written");
        }
        assertTrue(queued.getFirst().sizeHint() > 100_000, "a large log message counts as large");
    }
}
