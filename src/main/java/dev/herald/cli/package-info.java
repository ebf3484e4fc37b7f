/**
 * The command line beside the server, in the same launcher: {@code herald send}, {@code sessions},
 * {@code events}, {@code hub} and {@code token}. Each command runs on the main thread,
 * prints its own output on standard output (never logs) and returns an {@link dev.herald.cli.Exit}
 * status.
 */
package dev.herald.cli;
