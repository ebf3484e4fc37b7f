package dev.herald.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Draft;
import dev.herald.event.Priority;
import dev.herald.hub.HeraldHome;
import dev.herald.jsonrpc.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed sources of {@code HERALD_HOME/sources.json}: a JSON array of
 * {@code {name, type: "standard"|"github", secret, topic?, priority?}}. Read at start (a bad file
 * stops the listener from starting) and again whenever the file changes (a bad edit is logged and
 * the previous sources stay). Thread-safe: requests read an immutable snapshot.
 */
final class Sources {
    private static final Logger log = LoggerFactory.getLogger(Sources.class);
    private static final ObjectMapper JSON = Json.mapper(1024 * 1024);
    private static final Set<String> FIELDS = Set.of("name", "type", "secret", "topic", "priority");

    /** The file is unusable; the message says where and why. */
    static final class InvalidException extends Exception {
        InvalidException(String message) {
            super(message, null, false, false);
        }
    }

    private record Snapshot(Object version, Map<String, Source> byName) {}

    private final Path file;
    private volatile Snapshot current;

    private Sources(Path file, Snapshot first) {
        this.file = file;
        this.current = first;
    }

    static Path path(HeraldHome home) {
        return home.dir().resolve("sources.json");
    }

    static Sources load(HeraldHome home) throws InvalidException {
        Path file = path(home);
        return new Sources(file, read(file));
    }

    int size() {
        return current.byName().size();
    }

    /** The source of this name, after a reload if the file changed; null if there is none. */
    Source find(String name) {
        Snapshot s = current;
        Object version = version(file);
        if (!version.equals(s.version())) {
            try {
                s = read(file);
                log.info("Reloaded {}: {} signed source(s)", file, s.byName().size());
            } catch (InvalidException e) {
                log.warn("Ignored the changed {}, keeping the sources read before: {}", file, e.getMessage());
                s = new Snapshot(version, s.byName());
            }
            current = s;
        }
        return s.byName().get(name);
    }

    private static Object version(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return String.valueOf(a.fileKey()) + "/" + a.lastModifiedTime().toMillis() + "/" + a.size();
        } catch (IOException e) {
            return "absent";
        }
    }

    private static Snapshot read(Path file) throws InvalidException {
        Object version = version(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Snapshot("absent", Map.of());
        } catch (IOException e) {
            throw new InvalidException(file + " cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) { // the original message only: the full one quotes the file, secrets and all
            throw new InvalidException(file + " is not valid JSON (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidException(file + " must hold a JSON array of sources");
        }
        Map<String, Source> byName = new HashMap<>();
        int n = 0;
        for (JsonNode entry : root) {
            n++;
            Source s = source(entry, file + ", source " + n);
            if (byName.put(s.name(), s) != null) {
                throw new InvalidException(file + ", source " + n + ": the name " + s.name() + " is used twice");
            }
        }
        return new Snapshot(version, Map.copyOf(byName));
    }

    private static Source source(JsonNode entry, String where) throws InvalidException {
        if (!entry.isObject()) {
            throw new InvalidException(where + ": must be an object");
        }
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidException(where + ": unknown field " + field + " (name, type, secret, topic, priority)");
            }
        }
        String name = entry.path("name").asText("");
        if (!Target.SOURCE_NAME.matcher(name).matches()) {
            throw new InvalidException(where + ": name must be 1 to 64 letters, digits or . _ -");
        }
        String secret = entry.path("secret").asText("");
        if (secret.isEmpty()) {
            throw new InvalidException(where + " (" + name + "): secret is missing");
        }
        String topic = entry.path("topic").asText(name);
        if (!Draft.NAME.matcher(topic).matches()) {
            throw new InvalidException(where + " (" + name + "): topic must be 1 to 64 letters, digits or . _ - /");
        }
        String priorityText = entry.path("priority").asText("normal");
        Priority priority = Priority.parse(priorityText);
        if (priority == null) {
            throw new InvalidException(where + " (" + name + "): priority must be low, normal, high or urgent");
        }
        return switch (entry.path("type").asText("")) {
            case "standard" -> new Source.Standard(name, topic, priority, standardKey(secret, where + " (" + name + ")"));
            case "github" -> new Source.GitHub(name, topic, priority, secret.getBytes(StandardCharsets.UTF_8));
            default -> throw new InvalidException(where + " (" + name + "): type must be standard or github");
        };
    }

    /** A Standard Webhooks secret: {@code whsec_<base64>} is the decoded bytes, anything else the text's own bytes. */
    private static byte[] standardKey(String secret, String where) throws InvalidException {
        if (!secret.startsWith("whsec_")) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(6));
            if (key.length == 0) {
                throw new InvalidException(where + ": the whsec_ secret is empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidException(where + ": a whsec_ secret must be base64 after the prefix");
        }
    }
}
