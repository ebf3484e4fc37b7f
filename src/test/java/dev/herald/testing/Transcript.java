package dev.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.Herald;
import dev.herald.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One transcript file run through the real server loop in-process. The format, one step a line:
 * <pre>
 * # comment                      prose saying what the file pins down
 * options: --page-size 2         command-line options (first step only)
 * > {...}                        a line the client sends, verbatim (may be invalid JSON)
 * < {...}                        the next line the server must send (JSON-equal; "&lt;any&gt;" matches anything)
 * &lt;~ {...}                       consecutive lines like this arrive in any order
 *                                "&lt;$id&gt;" in an expected line binds id to the string there (or must
 *                                equal it once bound); in a sent line it is replaced by that string
 * @advance 1000                  move the manual clock 1000 ms, running due background jobs
 * @poll {...}                    send this request again (every 10 ms, up to 10 s) until its response
 *                                matches the &lt; line that follows: for state only polling can observe
 * @eof                           close the server's input
 * @initialize 2025-06-18 {caps}  the handshake: initialize with that version and client capabilities
 *                                (defaults 2025-11-25 and {}), its result, notifications/initialized
 * </pre>
 * After the last step the input is closed (if it was not), the server must exit, and it must have
 * sent nothing beyond what the transcript expects.
 */
public final class Transcript {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private sealed interface Step permits Send, Expect, Advance, Eof, Poll {}

    private record Poll(Send request, Expect until) implements Step {}

    private record Send(int line, String text) implements Step {}

    private record Expect(int line, List<String> json, boolean unordered) implements Step {}

    private record Advance(int line, Duration by) implements Step {}

    private record Eof(int line) implements Step {}

    private final String name;
    private final String[] options;
    private final List<Step> steps;
    private final Map<String, String> vars = new HashMap<>();

    private Transcript(String name, String[] options, List<Step> steps) {
        this.name = name;
        this.options = options;
        this.steps = steps;
    }

    public static Transcript parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Step> steps = new ArrayList<>();
        String[] options = new String[0];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int n = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("options:")) {
                options = line.substring("options:".length()).trim().split("\\s+");
            } else if (line.startsWith("<~")) {
                String json = line.substring(2).trim();
                if (!steps.isEmpty() && steps.getLast() instanceof Expect e && e.unordered()) {
                    e.json().add(json);
                } else {
                    steps.add(new Expect(n, new ArrayList<>(List.of(json)), true));
                }
            } else if (line.startsWith("<")) {
                steps.add(new Expect(n, new ArrayList<>(List.of(line.substring(1).trim())), false));
            } else if (line.startsWith(">")) {
                steps.add(new Send(n, line.length() > 2 ? line.substring(2) : ""));
            } else if (line.startsWith("@poll")) {
                String expected = i + 1 < lines.size() ? lines.get(i + 1) : "";
                if (!expected.startsWith("<")) {
                    throw new IllegalArgumentException(file + ":" + n + ": @poll must be followed by a < line");
                }
                steps.add(new Poll(new Send(n, line.substring("@poll".length()).trim()),
                        new Expect(n + 1, new ArrayList<>(List.of(expected.substring(1).trim())), false)));
                i++;
            } else if (line.startsWith("@advance")) {
                steps.add(new Advance(n, Duration.ofMillis(Long.parseLong(line.substring("@advance".length()).trim()))));
            } else if (line.startsWith("@initialize")) {
                String[] args = line.substring("@initialize".length()).trim().split("\\s+", 2);
                String version = args[0].isEmpty() ? "2025-11-25" : args[0];
                String caps = args.length > 1 ? args[1] : "{}";
                steps.add(new Send(n, "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                        + version + "\",\"capabilities\":" + caps + ",\"clientInfo\":{\"name\":\"transcript\",\"version\":\"1.0\"}}}"));
                steps.add(new Expect(n, new ArrayList<>(List.of("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"result\":\"<any>\"}")), false));
                steps.add(new Send(n, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
            } else if (line.equals("@eof")) {
                steps.add(new Eof(n));
            } else {
                throw new IllegalArgumentException(file + ":" + n + ": cannot read step: " + line);
            }
        }
        return new Transcript(file.getFileName().toString(), options, steps);
    }

    /** Runs the transcript; throws AssertionError naming the step that failed. */
    public void run() throws Exception {
        Pipes.Feed in = new Pipes.Feed();
        Pipes.Capture out = new Pipes.Capture();
        ManualScheduler clock = new ManualScheduler();
        Herald herald = new Herald(in, out, options.length == 1 && options[0].isEmpty() ? Options.DEFAULTS : Options.parse(options),
                clock, Fixtures::install);
        Thread serving = Thread.ofPlatform().daemon().name("transcript-" + name).start(herald::serve);
        boolean closed = false;
        for (Step step : steps) {
            switch (step) {
                case Send s -> in.line(substitute(s));
                case Expect e -> expect(out, e);
                case Advance a -> clock.advance(a.by());
                case Poll p -> poll(in, out, p);
                case Eof e -> {
                    in.close();
                    closed = true;
                }
            }
        }
        if (!closed) {
            in.close();
        }
        serving.join(WAIT);
        if (serving.isAlive()) {
            throw new AssertionError(name + ": the server did not exit after end of input");
        }
        String extra = out.take(Duration.ZERO);
        if (extra != null) {
            throw new AssertionError(name + ": unexpected output after the last expected line:\n  " + extra);
        }
        if (!out.unterminated().isEmpty()) {
            throw new AssertionError(name + ": output ends without a newline: " + out.unterminated());
        }
    }

    private void poll(Pipes.Feed in, Pipes.Capture out, Poll p) throws Exception {
        JsonNode wanted = MAPPER.readTree(p.until().json().getFirst());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String sent = substitute(p.request());
            in.line(sent);
            String line = out.take(WAIT);
            JsonNode got = line == null ? null : MAPPER.readTree(line);
            Map<String, String> trial = new HashMap<>(vars);
            if (got != null && JsonMatch.matches(wanted, got, trial)) {
                vars.putAll(trial);
                return;
            }
            if (got == null || !got.path("id").equals(MAPPER.readTree(sent).path("id")) || System.nanoTime() > deadline) {
                throw new AssertionError(name + ":" + p.until().line() + ": polling never got\n  " + p.until().json().getFirst()
                        + "\nthe last line was\n  " + line);
            }
            TimeUnit.MILLISECONDS.sleep(10); // the state changes on another thread, with nothing to wait on but the next poll
        }
    }

    private String substitute(Send s) {
        String text = s.text();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace("<$" + v.getKey() + ">", v.getValue());
        }
        if (text.contains("<$")) {
            throw new AssertionError(name + ":" + s.line() + ": a variable is used before any expected line bound it: " + text);
        }
        return text;
    }

    private void expect(Pipes.Capture out, Expect e) throws Exception {
        List<JsonNode> wanted = new ArrayList<>();
        for (String json : e.json()) {
            wanted.add(MAPPER.readTree(json));
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String line = out.take(WAIT);
            if (line == null) {
                throw new AssertionError(name + ":" + e.line() + ": expected\n  " + e.json().get(got.size())
                        + "\nbut the server sent nothing more" + (got.isEmpty() ? "" : " after\n  " + String.join("\n  ", got)));
            }
            got.add(line);
        }
        List<JsonNode> actual = new ArrayList<>();
        for (String line : got) {
            try {
                actual.add(MAPPER.readTree(line));
            } catch (IOException ex) {
                throw new AssertionError(name + ":" + e.line() + ": the server sent a line that is not JSON: " + line);
            }
        }
        for (int i = 0; i < wanted.size(); i++) {
            JsonNode want = wanted.get(i);
            int found = -1;
            for (int j = 0; j < actual.size() && found < 0; j++) {
                Map<String, String> trial = new HashMap<>(vars); // a failed try binds nothing
                if ((e.unordered() || j == 0) && JsonMatch.matches(want, actual.get(j), trial)) {
                    found = j;
                    vars.putAll(trial);
                }
            }
            if (found < 0) {
                throw new AssertionError(name + ":" + e.line() + ": expected\n  " + e.json().get(i) + "\nbut the server sent\n  "
                        + String.join("\n  ", got));
            }
            actual.remove(found);
        }
    }
}
