package dev.herald.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Herald as a real child process, the way hosts run it: lines in on stdin, lines out of stdout
 * (read as UTF-8 by a background thread), stderr collected apart.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String EOF = "\0eof";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private ServerProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().start(this::readStdout);
        Thread.ofPlatform().daemon().start(() -> copy(process.getErrorStream()));
    }

    /** The packaged jar, from the failsafe system property. */
    public static Path jar() {
        String jar = System.getProperty("herald.jar");
        if (jar == null) {
            throw new IllegalStateException("herald.jar is not set: run through mvn verify");
        }
        return Path.of(jar);
    }

    /** Runs {@code java [jvmArgs] -jar herald.jar [args]}. */
    public static ServerProcess jar(List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).start());
    }

    /** Runs the real main with the test fixtures added. */
    public static ServerProcess withFixtures(String... args) throws IOException {
        String classpath = jar() + java.io.File.pathSeparator + System.getProperty("herald.testClasses", "target/test-classes");
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, FixtureMain.class.getName()));
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).start());
    }

    /** Runs any command line built by a test (for example with its own environment and directory). */
    public static ServerProcess start(ProcessBuilder builder) throws IOException {
        return new ServerProcess(builder.start());
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
        lines.add(EOF);
    }

    private void copy(InputStream in) {
        try (in) {
            in.transferTo(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (stderr) {
                        stderr.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (stderr) {
                        stderr.write(b, off, len);
                    }
                }
            });
        } catch (IOException e) {
            // the process ended
        }
    }

    public void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    public void sendBytes(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    /** The next stdout line; fails if none comes within the timeout or stdout ended. */
    public String line(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output within " + timeout.toMillis() + " ms; stderr:\n" + stderr());
        }
        if (line.equals(EOF)) {
            throw new AssertionError("stdout ended; stderr:\n" + stderr());
        }
        return line;
    }

    /** Every remaining stdout line until the process closes it. */
    public List<String> rest(Duration timeout) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("stdout did not end within " + timeout.toMillis() + " ms");
            }
            if (line.equals(EOF)) {
                return rest;
            }
            rest.add(line);
        }
    }

    public void closeStdin() throws IOException {
        stdin.close();
    }

    public Process process() {
        return process;
    }

    /** Waits for exit; returns the exit code, or fails if it takes longer than the timeout. */
    public int exit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout.toMillis() + " ms; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
