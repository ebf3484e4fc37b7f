package dev.herald.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command-line options of {@link Bench} (documented there) with their defaults; parsed and read on the main thread. */
final class Options {
    final List<String> heraldCommand;
    final List<String> floorCommand;
    final int rounds;
    final int requests;
    final int sequential;
    final int warmup;
    final int progress;
    final int stallSeconds;
    final int soakMinutes;
    final int soakRate;

    private Options(Map<String, String> o) {
        Path testClasses = testClasses();
        Path build = testClasses != null ? testClasses.getParent() : Path.of("target");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path image = build.resolve("herald").resolve("bin");
        String heraldDefault = Files.isExecutable(image.resolve("herald"))
                ? image.resolve("herald").toString()
                : quote(java.toString()) + " -jar " + quote(build.resolve("herald.jar").toString());
        Path floorJava = Files.isExecutable(image.resolve("java")) ? image.resolve("java") : java;
        String floorDefault = quote(floorJava.toString()) + " -cp "
                + quote(testClasses != null ? testClasses.toString() : "target/test-classes") + " " + Floor.class.getName();
        this.heraldCommand = split(o.getOrDefault("herald", heraldDefault));
        this.floorCommand = split(o.getOrDefault("floor", floorDefault));
        this.rounds = nonNegative(o, "rounds", 5);
        this.requests = positive(o, "requests", 100_000);
        this.sequential = positive(o, "sequential", 2000);
        this.warmup = nonNegative(o, "warmup", 500);
        this.progress = positive(o, "progress", 1_000_000);
        this.stallSeconds = positive(o, "stall-seconds", 30);
        this.soakMinutes = nonNegative(o, "soak-minutes", 0);
        this.soakRate = positive(o, "soak-rate", 2000);
        if (rounds == 0 && soakMinutes == 0) {
            usage("--rounds 0 leaves nothing to run without --soak-minutes N");
        }
    }

    /** The options in {@code args}, or null after printing the usage for {@code --help}; exits with status 2 on a bad argument. */
    static Options parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("Usage: java -cp target/test-classes dev.herald.bench.Bench [--herald CMD] [--floor CMD] "
                        + "[--rounds N] [--requests N] [--sequential N] [--warmup N] [--progress N] [--stall-seconds N] [--soak-minutes N] "
                        + "[--soak-rate N]");
                return null;
            }
            if (!a.startsWith("--")) {
                usage("Unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                usage("Missing value for " + a);
                return null;
            }
            if (!List.of("herald", "floor", "rounds", "requests", "sequential", "warmup", "progress", "stall-seconds", "soak-minutes",
                    "soak-rate")
                    .contains(name)) {
                usage("Unknown option " + a);
            }
            options.put(name, value);
        }
        return new Options(options);
    }

    /** The pipelined echo calls sent, unmeasured, before the measured ones. */
    int pipelinedWarmup() {
        return Math.max(1, requests / 10);
    }

    private static void usage(String message) {
        System.err.println("bench: " + message + " (try --help)");
        System.exit(2);
    }

    private static Path testClasses() {
        try {
            var source = Bench.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Splits a command line on blanks, honouring single and double quotes and backslash escapes. */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char ch = commandLine.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < commandLine.length()) {
                    w.append(commandLine.charAt(++i));
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < commandLine.length()) {
                w.append(commandLine.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return words;
    }

    /** A command line as a shell would take it back. */
    static String display(List<String> command) {
        return String.join(" ", command.stream().map(Options::quote).toList());
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static int positive(Map<String, String> o, String name, int fallback) {
        int v = nonNegative(o, name, fallback);
        if (v == 0) {
            usage("--" + name + " must be positive");
        }
        return v;
    }

    private static int nonNegative(Map<String, String> o, String name, int fallback) {
        String s = o.get(name);
        if (s == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(s.replace("_", "").replace(",", ""));
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        usage("--" + name + " needs a non-negative integer, not " + s);
        return fallback;
    }
}
