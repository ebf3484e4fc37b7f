package dev.herald.cli;

/** Exit statuses of the subcommands. */
public enum Exit {
    OK(0), FAILED(1), USAGE(2), TIMEOUT(3);

    public final int code;

    Exit(int code) {
        this.code = code;
    }
}
