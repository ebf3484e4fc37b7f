package dev.herald.feature;

import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import java.util.Map;

/** A resource template, how to read a URI it matches, and completers for its variables. */
public record TemplateEntry(ResourceTemplate template, UriTemplate matcher, Reader reader, Map<String, Completer> completers) {

    public TemplateEntry(ResourceTemplate template, Reader reader, Map<String, Completer> completers) {
        this(template, new UriTemplate(template.uriTemplate()), reader, Map.copyOf(completers));
    }

    /** Reads the resource the variables name, or returns null if there is none. Runs on a request thread. */
    @FunctionalInterface
    public interface Reader {
        ResourceContents read(String uri, Map<String, String> variables);
    }
}
