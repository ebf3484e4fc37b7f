package dev.herald;

import dev.herald.cli.Cli;
import dev.herald.notify.RealScheduler;
import dev.herald.server.Server;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The command-line entry point. Captures the real standard output for the protocol before
 * anything else can write to it, then points {@code System.out} at standard error so a stray
 * {@code println} in any library cannot corrupt the stream. The main thread then becomes the
 * reader of standard input until the session ends.
 */
public final class Main {
    private Main() {
        throw new AssertionError();
    }

    public static void main(String... args) {
        main(server -> { }, args);
    }

    /** The entry point for an embedding program that adds its own tools, resources or prompts. */
    public static void main(Consumer<Server> extensions, String... args) {
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.exit(run(protocolOut, console, extensions, args));
    }

    private static int run(OutputStream protocolOut, PrintStream console, Consumer<Server> extensions, String... args) {
        Integer command = Cli.run(args, System.in, console, System.err, System.getenv());
        if (command != null) {
            return command;
        }
        for (String arg : args) {
            switch (arg) {
                case "--version", "-V" -> {
                    console.println(Herald.NAME + " " + Herald.VERSION);
                    return 0;
                }
                case "--help", "-h" -> {
                    console.print(usage());
                    return 0;
                }
                default -> { }
            }
        }
        Options options;
        try {
            options = Options.parseCommandLine(args);
        } catch (Options.UsageException e) {
            System.err.println("herald: " + e.getMessage());
            System.err.print(usage());
            return 2;
        }
        Herald herald = new Herald(new FileInputStream(FileDescriptor.in), protocolOut, options, new RealScheduler(), extensions);
        herald.afterOutputBroken(() -> System.exit(0));
        Signals.onTerminate(herald::shutdown);
        LoggerFactory.getLogger(Main.class).debug("Herald {} serving on stdio", Herald.VERSION);
        return herald.serve();
    }

    private static String usage() {
        Options d = Options.DEFAULTS;
        return ("""
                Usage: herald [options]
                An MCP server on stdin/stdout. Protocol messages only on stdout; logs on stderr.

                Options:
                  --max-message-bytes N   longest accepted input line (default %d)
                  --page-size N           items per page of list results (default %d)
                  --log-level LEVEL       client log level until logging/setLevel (default %s)
                  --client-timeout-ms N   wait for sampling, elicitation, roots answers (default %d)
                  --shutdown-grace-ms N   let in-flight requests finish at exit (default %d)
                  --max-in-flight N       requests running at once before refusing more (default %d)
                  --inbox NAME            this session's inbox (default: from the working directory)
                  --deliver auto|channel|log|both|none
                                          how hub events reach the client (default auto: Claude Code's
                                          channel for claude-code, log messages for other clients)
                  --channel-max-chars N   longest channel content before it is cut (default 1200)
                  --permission-relay      relay Claude Code's permission prompts to herald approve/deny
                  --no-hub                serve without the hub (no events from outside)
                  --retention-days N, --retention-events N, --sender-rate N, --sender-burst N,
                  --room-idle-minutes N   hub settings, when this process is the hub (a chat room member
                                          silent N minutes, default 30, at most 1440, is removed)
                  --version               print the version and exit
                  --help                  print this help and exit

                """ + Cli.USAGE).formatted(d.maxMessageBytes(), d.pageSize(), d.logLevel().wire(),
                d.clientTimeout().toMillis(), d.shutdownGrace().toMillis(), d.maxInFlight());
    }
}
