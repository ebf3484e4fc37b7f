package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlink image: its launcher serves with no Java on the PATH, and the runtime holds only the modules Herald needs. */
class ImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("herald.image", "target/herald"));

    /** A PATH holding only the tools the launcher script uses: no java anywhere on it. */
    private static Path toolsOnly(Path dir) throws Exception {
        for (String tool : List.of("sh", "readlink", "dirname")) {
            Path real = Path.of("/usr/bin", tool).toRealPath();
            Files.createSymbolicLink(dir.resolve(tool), real);
        }
        return dir;
    }

    private static ProcessBuilder launcher(Path path, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(IMAGE.resolve("bin/herald").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", path.toString());
        pb.environment().put("HERALD_HOME", path.resolveSibling("herald-home").toString()); // never the user's own hub
        return pb;
    }

    @Test
    void launcherServesWithoutJavaOnThePath(@TempDir Path dir) throws Exception {
        Path path = toolsOnly(dir);
        Process version = launcher(path, "--version").start();
        assertTrue(version.waitFor(20, TimeUnit.SECONDS));
        assertTrue(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("herald "));

        Process server = launcher(path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = server.getOutputStream();
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"image-it\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"ok\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            ObjectMapper json = new ObjectMapper();
            JsonNode init = json.readTree(out.readLine());
            assertEquals("2025-06-18", init.at("/result/protocolVersion").textValue());
            assertEquals("ok", json.readTree(out.readLine()).at("/result/content/0/text").textValue());
        }
        assertTrue(server.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue());
    }

    @Test
    void runtimeHoldsOnlyTheModulesHeraldNeeds() throws Exception {
        Process list = new ProcessBuilder(IMAGE.resolve("bin/java").toString(), "--list-modules").start();
        String modules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(20, TimeUnit.SECONDS));
        assertEquals(List.of("java.base", "java.logging", "jdk.httpserver", "jdk.unsupported"),
                modules.lines().map(l -> l.replaceAll("@.*", "")).sorted().toList());
    }
}
