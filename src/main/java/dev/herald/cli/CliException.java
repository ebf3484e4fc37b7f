package dev.herald.cli;

/** Ends a subcommand with a one-line message on standard error and an exit status. */
final class CliException extends Exception {
    final Exit exit;

    CliException(Exit exit, String message) {
        super(message, null, false, false);
        this.exit = exit;
    }

    static CliException usage(String message) {
        return new CliException(Exit.USAGE, message);
    }
}
