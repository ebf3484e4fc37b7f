package dev.herald.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.PromptEntry;
import dev.herald.feature.Registry;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ResourceEntry;
import dev.herald.feature.TemplateEntry;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.feature.ToolHandler;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Content;
import dev.herald.protocol.Prompt;
import dev.herald.protocol.PromptResult;
import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Tools that change Herald's own lists at run time, so a host sees list_changed and
 * resources/updated: add_tool/remove_tool, add_prompt/remove_prompt, add_note/update_note/remove_note.
 * Built-in entries cannot be removed; names are validated; counts and sizes are bounded.
 */
final class LiveRegistry {
    static final String NAME_PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    static final int MAX_ADDED = 50;
    static final int MAX_NOTES = 100;
    static final int MAX_TEXT = 64 * 1024;
    static final String NOTES = "herald://notes/";

    private final Server server;
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    private final ReentrantLock notesLock = new ReentrantLock();

    private LiveRegistry(Server server) {
        this.server = server;
    }

    static void install(Server server) {
        LiveRegistry live = new LiveRegistry(server);
        ToolAnnotations changes = ToolAnnotations.additive(null);
        ToolAnnotations removes = new ToolAnnotations(null, false, true, true, false);
        live.tool("add_tool", "Add a tool", "Adds a tool that answers every call with a fixed reply; clients get tools/list_changed.",
                Schema.object().string("name", "Name of the new tool", 64, true).pattern("name", NAME_PATTERN)
                        .string("description", "What the new tool says it does", 1024, true)
                        .string("reply", "The text the new tool returns", MAX_TEXT, true).build(), changes, live::addTool);
        live.tool("remove_tool", "Remove a tool", "Removes a tool added with add_tool; clients get tools/list_changed.",
                nameOnly("Name of the tool"), removes, live::removeTool);
        live.tool("add_prompt", "Add a prompt", "Adds a prompt whose message is the given text; clients get prompts/list_changed.",
                Schema.object().string("name", "Name of the new prompt", 64, true).pattern("name", NAME_PATTERN)
                        .string("description", "What the prompt is for", 1024, true)
                        .string("text", "The prompt's message", MAX_TEXT, true).build(), changes, live::addPrompt);
        live.tool("remove_prompt", "Remove a prompt", "Removes a prompt added with add_prompt; clients get prompts/list_changed.",
                nameOnly("Name of the prompt"), removes, live::removePrompt);
        live.tool("add_note", "Add a note", "Creates the resource herald://notes/<name>; clients get resources/list_changed.",
                noteSchema(), changes, live::addNote);
        live.tool("update_note", "Update a note", "Replaces a note's text; subscribers of herald://notes/<name> get resources/updated.",
                noteSchema(), changes, live::updateNote);
        live.tool("remove_note", "Remove a note", "Deletes a note resource; clients get resources/list_changed.",
                nameOnly("Name of the note"), removes, live::removeNote);
        server.resources().templates().put(NOTES + "{name}", new TemplateEntry(
                new ResourceTemplate(NOTES + "{name}", "note", "Note", "A note made with add_note.", "text/plain"),
                (uri, vars) -> live.readNote(uri, vars.get("name")),
                Map.of("name", (prefix, context) -> live.notes.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().toList())));
    }

    private void tool(String name, String title, String description, ObjectNode schema, ToolAnnotations hints, ToolHandler handler) {
        ToolAnnotations titled = new ToolAnnotations(title, hints.readOnlyHint(), hints.destructiveHint(), hints.idempotentHint(),
                hints.openWorldHint());
        server.tools().registry().put(name, new ToolEntry(new Tool(name, title, description, schema, null, titled), handler, true));
    }

    private static ObjectNode nameOnly(String description) {
        return Schema.object().string("name", description, 64, true).build();
    }

    private static ObjectNode noteSchema() {
        return Schema.object().string("name", "Name of the note", 64, true).pattern("name", NAME_PATTERN)
                .string("text", "The note's text", MAX_TEXT, true).build();
    }

    private CallToolResult addTool(RequestContext ctx, ObjectNode args) throws ToolException {
        String name = args.get("name").textValue();
        String reply = args.get("reply").textValue();
        Tool tool = new Tool(name, null, args.get("description").textValue(), Schema.open().build(), null, null);
        add(server.tools().registry(), "tool", name, new ToolEntry(tool, (c, a) -> CallToolResult.text(reply), false), ToolEntry::builtIn);
        return CallToolResult.text("Added tool " + name + ". Clients were sent tools/list_changed.");
    }

    private CallToolResult removeTool(RequestContext ctx, ObjectNode args) throws ToolException {
        return remove(server.tools().registry(), "tool", args.get("name").textValue(), ToolEntry::builtIn, "tools/list_changed");
    }

    private CallToolResult addPrompt(RequestContext ctx, ObjectNode args) throws ToolException {
        String name = args.get("name").textValue();
        String text = args.get("text").textValue();
        Prompt prompt = new Prompt(name, null, args.get("description").textValue(), List.of());
        PromptEntry entry = new PromptEntry(prompt, a -> new PromptResult(prompt.description(),
                List.of(new PromptResult.Message("user", Content.text(text)))), Map.of(), false);
        add(server.prompts().registry(), "prompt", name, entry, PromptEntry::builtIn);
        return CallToolResult.text("Added prompt " + name + ". Clients were sent prompts/list_changed.");
    }

    private CallToolResult removePrompt(RequestContext ctx, ObjectNode args) throws ToolException {
        return remove(server.prompts().registry(), "prompt", args.get("name").textValue(), PromptEntry::builtIn, "prompts/list_changed");
    }

    private CallToolResult addNote(RequestContext ctx, ObjectNode args) throws ToolException {
        String name = args.get("name").textValue();
        String uri = NOTES + name;
        Resource resource = new Resource(uri, name, null, "A note made with add_note.", "text/plain", null);
        notesLock.lock(); // the limit, the text and the listed resource change together
        try {
            if (notes.containsKey(name)) {
                throw new ToolException("A note named " + name + " already exists; change it with update_note.");
            }
            if (notes.size() >= MAX_NOTES) {
                throw new ToolException("At most " + MAX_NOTES + " notes can exist; remove one first.");
            }
            notes.put(name, args.get("text").textValue());
            server.resources().registry().put(uri, new ResourceEntry(resource, u -> readNote(u, name), false));
        } finally {
            notesLock.unlock();
        }
        return CallToolResult.text("Added note " + uri + ". Clients were sent resources/list_changed.");
    }

    private CallToolResult updateNote(RequestContext ctx, ObjectNode args) throws ToolException {
        String name = args.get("name").textValue();
        if (notes.replace(name, args.get("text").textValue()) == null) {
            throw new ToolException("No note " + name + ". Create it with add_note.");
        }
        server.resourceUpdated(NOTES + name);
        return CallToolResult.text("Updated note " + NOTES + name + ". Its subscribers were sent resources/updated.");
    }

    private CallToolResult removeNote(RequestContext ctx, ObjectNode args) throws ToolException {
        String name = args.get("name").textValue();
        notesLock.lock();
        try {
            if (notes.remove(name) == null) {
                throw new ToolException("No note " + name + ".");
            }
            server.resources().registry().remove(NOTES + name);
        } finally {
            notesLock.unlock();
        }
        return CallToolResult.text("Removed note " + NOTES + name + ". Clients were sent resources/list_changed.");
    }

    private ResourceContents readNote(String uri, String name) {
        String text = notes.get(name);
        return text == null ? null : ResourceContents.text(uri, "text/plain", text);
    }

    private static <E> CallToolResult remove(Registry<E> registry, String kind, String name,
            Predicate<E> builtIn, String notification) throws ToolException {
        E entry = registry.get(name);
        if (entry == null) {
            throw new ToolException("No " + kind + " " + name + ".");
        }
        if (builtIn.test(entry)) {
            throw new ToolException(name + " is built in and cannot be removed; only " + kind + "s added with add_" + kind + " can.");
        }
        registry.remove(name);
        return CallToolResult.text("Removed " + kind + " " + name + ". Clients were sent " + notification + ".");
    }

    /** Adds a run-time entry: at most {@value #MAX_ADDED} beside the built-in ones, and never over an existing name. */
    private static <E> void add(Registry<E> registry, String kind, String name, E entry, Predicate<E> builtIn) throws ToolException {
        int limit = (int) registry.list().stream().filter(builtIn).count() + MAX_ADDED;
        if (!registry.add(name, entry, limit)) {
            throw new ToolException(registry.get(name) != null
                    ? "A " + kind + " named " + name + " already exists."
                    : "At most " + MAX_ADDED + " " + kind + "s can be added; remove one first.");
        }
    }
}
