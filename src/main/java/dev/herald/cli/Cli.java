package dev.herald.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** Runs one subcommand on the calling (main) thread and returns its exit status; null if {@code args} names none. */
public final class Cli {
    private Cli() {
        throw new AssertionError();
    }

    public static final String USAGE = """
            Commands (the same launcher):
              herald send [--topic T] [--priority low|normal|high|urgent] [--title T] [--to INBOX]...
                          [--data JSON] [--dedup KEY] [--wait SECONDS] [MESSAGE...]
                                          publish an event (the message, or standard input); prints its id
              herald sessions [--json]    the live sessions
              herald events [--since ID] [--topic T] [--json] [--follow]
                                          read the journal
              herald ask [--timeout SECONDS] [--to INBOX]... QUESTION
                                          ask the agents a question; prints the first reply (exit 3 at the timeout)
              herald approve ID, herald deny ID
                                          answer a relayed Claude Code permission prompt
              herald chat ROOM [--name NAME]
                                          join a chat room as a person: prints what arrives, sends each line
                                          (/who, /leave, /quit, /help); from a script, sends every line, prints
                                          what arrived and leaves at the end of input
              herald hub [--listen HOST:PORT [--listen-public]] [--retention-days N] [--retention-events N]
                         [--sender-rate N] [--sender-burst N]
                                          run a dedicated hub in the foreground; --listen (or HERALD_LISTEN)
                                          also serves HTTP publishing (loopback unless --listen-public)
              herald token [--rotate]     print (or replace) the HTTP listener's bearer token
              herald run [--topic T] [--title T] [--to INBOX]... -- COMMAND [ARGS...]
                                          run a command, then publish how it ended; exits with its status
            Exit status: 0 done, 1 failed, 2 bad input, 3 timed out (send --wait, ask); run: the command's.
            """;

    public static Integer run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0) {
            return null;
        }
        try {
            if (args[0].equals("run")) {
                return RunCommand.run(args, out, err, env);
            }
            Exit exit = switch (args[0]) {
                case "send" -> SendCommand.run(args, stdin, out, env);
                case "sessions" -> ReadCommands.sessions(args, out, env);
                case "events" -> ReadCommands.events(args, out, env);
                case "hub" -> HubCommand.run(args, out, err, env);
                case "token" -> TokenCommand.run(args, out, env);
                case "ask" -> ChatCommands.ask(args, stdin, out, env);
                case "approve" -> ChatCommands.verdict(args, out, env, "allow");
                case "deny" -> ChatCommands.verdict(args, out, env, "deny");
                case "chat" -> RoomChat.run(args, stdin, out, err, env);
                default -> null;
            };
            return exit == null ? null : exit.code;
        } catch (CliException e) {
            err.println("herald " + args[0] + ": " + e.getMessage());
            return e.exit.code;
        } finally {
            out.flush();
        }
    }
}
