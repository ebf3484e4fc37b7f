/**
 * The journal: the durable, ordered record of every event, behind one small interface
 * ({@link dev.herald.journal.Journal}) so that another log (Redis Streams, NATS JetStream) can take
 * its place. {@link dev.herald.journal.FileJournal} keeps append-only segments of JSON lines with
 * group commit: an append is acknowledged only after the batch holding it is forced to disk.
 */
package dev.herald.journal;
