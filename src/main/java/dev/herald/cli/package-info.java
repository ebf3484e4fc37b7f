/**
 * The command line beside the server, in the same launcher: {@code herald send}, {@code sessions},
 * {@code events}, {@code hub}, {@code token} and {@code run}. Each command runs on the main thread,
 * prints its own output on standard output (never logs) and returns an {@link dev.herald.cli.Exit}
 * status ({@code run} returns its command's).
 */
package dev.herald.cli;
