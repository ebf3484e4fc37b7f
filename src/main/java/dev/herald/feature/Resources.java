package dev.herald.feature;

import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import java.util.List;
import java.util.Map;

/**
 * Concrete resources and resource templates, and reading either by URI. Shared by every session;
 * thread-safe. An unknown URI is {@code -32002} with the URI in {@code data}.
 */
public final class Resources {
    private final Registry<ResourceEntry> resources = new Registry<>();
    private final Registry<TemplateEntry> templates = new Registry<>();

    public Registry<ResourceEntry> registry() {
        return resources;
    }

    public Registry<TemplateEntry> templates() {
        return templates;
    }

    public Page<Resource> list(String cursor, int pageSize, ProtocolVersion v) {
        return Page.of(resources.list().stream().map(e -> e.resource().forVersion(v)).toList(), cursor, pageSize);
    }

    public Page<ResourceTemplate> listTemplates(String cursor, int pageSize, ProtocolVersion v) {
        return Page.of(templates.list().stream().map(e -> e.template().forVersion(v)).toList(), cursor, pageSize);
    }

    /** The contents of {@code uri}; {@code -32002} if no resource or template has it. */
    public List<ResourceContents> read(String uri) {
        ResourceContents contents = find(uri);
        if (contents == null) {
            throw notFound(uri);
        }
        return List.of(contents);
    }

    /** True if {@code uri} names a resource that can be read now. */
    public boolean exists(String uri) {
        return find(uri) != null;
    }

    private ResourceContents find(String uri) {
        ResourceEntry entry = resources.get(uri);
        if (entry != null) {
            return entry.reader().read(uri);
        }
        for (TemplateEntry template : templates.list()) {
            Map<String, String> variables = template.matcher().match(uri);
            if (variables != null) {
                ResourceContents contents = template.reader().read(uri, variables);
                if (contents != null) {
                    return contents;
                }
            }
        }
        return null;
    }

    public static RpcException notFound(String uri) {
        return new RpcException(ErrorCode.RESOURCE_NOT_FOUND, "Resource not found: " + uri, Map.of("uri", uri));
    }
}
