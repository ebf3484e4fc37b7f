package dev.herald.jsonrpc;

import java.util.List;

/**
 * What one input line decodes to: a valid message, an invalid one (with the error to send back,
 * or none when the input was a notification or response and must get silence), or a batch.
 */
public sealed interface Decoded permits Decoded.Element, Decoded.Batch {

    /** What one message (a line, or one element of a batch) decodes to. */
    sealed interface Element extends Decoded permits Valid, Invalid {}

    record Valid(Message message) implements Element {}

    /** {@code reply} is null when the spec demands silence. */
    record Invalid(Message.Failure reply, String reason) implements Element {}

    /** A JSON array of at most {@link Codec#MAX_BATCH} messages. Never empty. */
    record Batch(List<Element> elements) implements Decoded {}
}
