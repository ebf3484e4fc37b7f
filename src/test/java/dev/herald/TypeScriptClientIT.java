package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Proves the packaged Herald jar interoperates with the official TypeScript MCP SDK client (src/test/interop/client.mjs). */
class TypeScriptClientIT {
    private static final String SDK = "@modelcontextprotocol/sdk";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "client.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void typeScriptSdkClientDrivesHerald() throws Exception {
        String jarProperty = System.getProperty("herald.jar");
        assertTrue(jarProperty != null && !jarProperty.isBlank(), "system property herald.jar is not set (failsafe sets it)");
        Path jar = Path.of(jarProperty).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no Herald jar at " + jar + "; run mvn verify");

        Path npm = requireOnPath("npm");
        Path node = requireOnPath("node");

        Path sources = interopSources(jar);
        Path work = jar.getParent().resolve("interop");
        Files.createDirectories(work);
        for (String name : FILES) {
            Path source = sources.resolve(name);
            if (Files.isRegularFile(source)) {
                Files.copy(source, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        String pinned = JSON.readTree(sources.resolve("package.json").toFile()).path("dependencies").path(SDK).asText();
        assertTrue(!pinned.isEmpty(), "src/test/interop/package.json does not depend on " + SDK);
        if (!installed(work, pinned)) {
            Result install = run(work, INSTALL_TIMEOUT, "npm-install", npm.toString(), "install", "--no-audit", "--no-fund");
            assertEquals(0, install.exitCode(), "npm install failed in " + work + "\n" + install.output());
            assertTrue(installed(work, pinned), "npm install did not install " + SDK + " " + pinned + "\n" + install.output());
        }

        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Result client = run(work, CLIENT_TIMEOUT, "client", node.toString(), "client.mjs", java, jar.toString());
        assertEquals(0, client.exitCode(), "the TypeScript SDK client failed against " + jar + "\n" + client.output());
        assertTrue(client.stdout().contains("INTEROP OK"), "the client did not report INTEROP OK\n" + client.output());
    }

    /** The executable on PATH; missing fails the test when CI=true, and skips it otherwise. */
    private static Path requireOnPath(String name) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty()) {
            String message = name + " is not on PATH; the TypeScript SDK interop test needs Node.js 20+ and npm";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this is a failure rather than a skip)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String candidate : names) {
                Path file = Path.of(dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** src/test/interop: under the working directory (failsafe runs in the project) or above the build directory. */
    private static Path interopSources(Path jar) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
            candidates.add(dir);
        }
        for (Path base : candidates) {
            Path dir = base.resolve("src/test/interop");
            if (Files.isRegularFile(dir.resolve("client.mjs")) && Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
        }
        return fail("cannot find src/test/interop (with client.mjs and package.json) near " + candidates);
    }

    private static boolean installed(Path work, String version) throws IOException {
        Path manifest = work.resolve("node_modules").resolve(SDK).resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        JsonNode json = JSON.readTree(manifest.toFile());
        return version.equals(json.path("version").asText());
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Runs a command with output in files (no pipe can fill up), killing it and its children on timeout. */
    private static Result run(Path dir, Duration timeout, String label, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve(label + ".out");
        Path err = dir.resolve(label + ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
        if (!finished) {
            fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s and was killed\n"
                    + new Result(-1, stdout, stderr).output());
        }
        return new Result(process.exitValue(), stdout, stderr);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
