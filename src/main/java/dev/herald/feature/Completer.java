package dev.herald.feature;

import java.util.List;
import java.util.Map;

/** Suggests values for a prompt argument or template variable. Called on a request thread; must not block long. */
@FunctionalInterface
public interface Completer {
    /** Candidate values starting with {@code prefix}, best first; {@code context} holds already-chosen arguments. */
    List<String> complete(String prefix, Map<String, String> context);
}
