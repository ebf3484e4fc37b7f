package dev.herald.feature;

import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceContents;

/** A concrete resource and how to read it; built-in entries cannot be removed. */
public record ResourceEntry(Resource resource, Reader reader, boolean builtIn) {

    /** Produces the current contents; runs on a request thread. */
    @FunctionalInterface
    public interface Reader {
        ResourceContents read(String uri);
    }
}
