package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.PromptEntry;
import dev.herald.feature.ResourceEntry;
import dev.herald.feature.TemplateEntry;
import dev.herald.feature.ToolEntry;
import dev.herald.protocol.Prompt;
import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.protocol.Tool;
import dev.herald.server.Server;
import dev.herald.testing.ManualScheduler;
import dev.herald.testing.Pipes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The built-in catalogue as a client discovers it: every tool, prompt, resource and resource
 * template is fully described (mcp-spec-notes §10). Built the way Herald builds itself (no test
 * fixtures). The checks return lists of problems so that {@link #checksCatchEveryDefect} can prove
 * each one fails on a definition that breaks it.
 */
class CatalogueTest {
    private static final Pattern SNAKE_CASE = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Set<String> JSON_TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Herald herald;
    private static Server server;

    @BeforeAll
    static void build() {
        herald = new Herald(new Pipes.Feed(), new Pipes.Capture(), Options.DEFAULTS, new ManualScheduler());
        server = herald.server();
    }

    @AfterAll
    static void stop() {
        herald.shutdown();
    }

    private static List<Tool> tools() {
        return server.tools().registry().list().stream().map(ToolEntry::tool).toList();
    }

    private static List<Prompt> prompts() {
        return server.prompts().registry().list().stream().map(PromptEntry::prompt).toList();
    }

    private static List<Resource> resources() {
        return server.resources().registry().list().stream().map(ResourceEntry::resource).toList();
    }

    private static List<ResourceTemplate> templates() {
        return server.resources().templates().list().stream().map(TemplateEntry::template).toList();
    }

    @Test
    void theCatalogueHasEveryEntryAndOnlyBuiltInOnes() {
        assertEquals(List.of("echo", "send_notification", "long_running_operation", "start_background_task",
                "list_background_tasks", "cancel_background_task", "get_server_status", "add_tool", "remove_tool",
                "add_prompt", "remove_prompt", "add_note", "update_note", "remove_note", "ask_user", "ask_llm", "list_roots", "generate_report",
                "read_events", "wait_for_event", "subscribe_events", "unsubscribe_events", "list_sessions", "reply",
                "enter_queue", "join_room", "send_message", "leave_room", "wait_for_message", "list_rooms"),
                tools().stream().map(Tool::name).toList());
        assertEquals(List.of("notification_tour", "summarize_notifications"), prompts().stream().map(Prompt::name).toList());
        assertEquals(List.of("herald://status", "herald://notifications/recent", "herald://clock", "herald://inbox", "herald://sessions"),
                resources().stream().map(Resource::uri).toList());
        assertEquals(List.of("herald://tasks/{id}", "herald://notes/{name}", "herald://events/{id}", "herald://rooms/{room_id}"),
                templates().stream().map(ResourceTemplate::uriTemplate).toList());
        assertTrue(server.tools().registry().list().stream().allMatch(ToolEntry::builtIn), "every catalogue tool is built in");
        assertTrue(server.prompts().registry().list().stream().allMatch(PromptEntry::builtIn), "every catalogue prompt is built in");
        assertTrue(server.resources().registry().list().stream().allMatch(ResourceEntry::builtIn),
                "every catalogue resource is built in");
    }

    @TestFactory
    Stream<DynamicTest> everyToolIsFullyDescribed() {
        return tools().stream().map(t -> DynamicTest.dynamicTest(t.name(),
                () -> assertEquals(List.of(), toolProblems(t), "problems with tool " + t.name())));
    }

    @TestFactory
    Stream<DynamicTest> everyPromptIsFullyDescribed() {
        return prompts().stream().map(p -> DynamicTest.dynamicTest(p.name(),
                () -> assertEquals(List.of(), promptProblems(p), "problems with prompt " + p.name())));
    }

    @TestFactory
    Stream<DynamicTest> everyResourceIsFullyDescribed() {
        return resources().stream().map(r -> DynamicTest.dynamicTest(r.uri(),
                () -> assertEquals(List.of(), resourceProblems(r.uri(), r.name(), r.title(), r.description(), r.mimeType()),
                        "problems with resource " + r.uri())));
    }

    @TestFactory
    Stream<DynamicTest> everyResourceTemplateIsFullyDescribed() {
        return templates().stream().map(r -> DynamicTest.dynamicTest(r.uriTemplate(),
                () -> assertEquals(List.of(), resourceProblems(r.uriTemplate(), r.name(), r.title(), r.description(), r.mimeType()),
                        "problems with resource template " + r.uriTemplate())));
    }

    /** Every check below reports the defect it exists for, and nothing on a sound definition. */
    @Test
    void checksCatchEveryDefect() throws Exception {
        ObjectNode input = schema("""
                {"type":"object","properties":{"a":{"type":"string","description":"A"}},"required":["a"]}""");
        ObjectNode output = schema("""
                {"type":"object","properties":{"b":{"type":"boolean","description":"B"}}}""");
        assertEquals(List.of(), toolProblems(new Tool("good_tool", "Good", "Does good.", input, output, null)));
        assertEquals(List.of(), toolProblems(new Tool("no_args", "No args", "Takes nothing.",
                schema("{\"type\":\"object\",\"additionalProperties\":false}"), null, null)));

        assertHas(toolProblems(new Tool("BadName", "T", "D", input, null, null)), "name BadName is not snake_case");
        assertHas(toolProblems(new Tool("bad-name", "T", "D", input, null, null)), "name bad-name is not snake_case");
        assertHas(toolProblems(new Tool("1tool", "T", "D", input, null, null)), "name 1tool is not snake_case");
        assertHas(toolProblems(new Tool("t", null, "D", input, null, null)), "no title");
        assertHas(toolProblems(new Tool("t", " ", "D", input, null, null)), "no title");
        assertHas(toolProblems(new Tool("t", "T", null, input, null, null)), "no description");
        assertHas(toolProblems(new Tool("t", "T", "\t", input, null, null)), "no description");
        assertHas(toolProblems(new Tool("t", "T", "D", schema("{\"properties\":{}}"), null, null)),
                "inputSchema: root type is not \"object\"");
        assertHas(toolProblems(new Tool("t", "T", "D", schema("{\"type\":\"array\"}"), null, null)),
                "inputSchema: root type is not \"object\"");
        assertHas(toolProblems(new Tool("t", "T", "D", schema("{\"type\":\"object\",\"properties\":[]}"), null, null)),
                "inputSchema: properties is not an object");
        assertHas(toolProblems(new Tool("t", "T", "D", schema("{\"type\":\"object\",\"properties\":{\"a\":true}}"), null, null)),
                "inputSchema: property a is not a schema object");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{\"a\":{\"description\":\"A\"}}}"), null, null)),
                "inputSchema: property a has no type");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"text\",\"description\":\"A\"}}}"), null, null)),
                "inputSchema: property a has no type");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"), null, null)),
                "inputSchema: property a has no description");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"description\":\"\"}}}"), null, null)),
                "inputSchema: property a has no description");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{},\"required\":[\"ghost\"]}"), null, null)),
                "inputSchema: required ghost is not a property");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"required\":[\"ghost\"]}"), null, null)),
                "inputSchema: required ghost is not a property");
        assertHas(toolProblems(new Tool("t", "T", "D",
                schema("{\"type\":\"object\",\"properties\":{},\"required\":\"ghost\"}"), null, null)),
                "inputSchema: required is not an array");
        assertHas(toolProblems(new Tool("t", "T", "D", input, schema("{\"type\":\"string\"}"), null)),
                "outputSchema: root type is not \"object\"");
        assertHas(toolProblems(new Tool("t", "T", "D", input,
                schema("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"}},\"required\":[\"y\"]}"), null)),
                "outputSchema: property x has no description");
        assertHas(toolProblems(new Tool("t", "T", "D", input,
                schema("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"}},\"required\":[\"y\"]}"), null)),
                "outputSchema: required y is not a property");

        assertEquals(List.of(), promptProblems(new Prompt("good_prompt", "Good", "Does good.",
                List.of(new Prompt.Argument("since", "Since", "From when", false)))));
        assertHas(promptProblems(new Prompt("Bad Prompt", "T", "D", List.of())), "name Bad Prompt is not snake_case");
        assertHas(promptProblems(new Prompt("p", null, "D", List.of())), "no title");
        assertHas(promptProblems(new Prompt("p", "T", null, List.of())), "no description");
        assertHas(promptProblems(new Prompt("p", "T", "", List.of())), "no description");
        assertHas(promptProblems(new Prompt("p", "T", "D", List.of(new Prompt.Argument("a", "A", null, true)))),
                "argument a has no description");
        assertHas(promptProblems(new Prompt("p", "T", "D", List.of(new Prompt.Argument(" ", "A", "D", true)))),
                "an argument has no name");

        assertEquals(List.of(), resourceProblems("herald://x", "x", "X", "An x.", "text/plain"));
        assertHas(resourceProblems("herald://x", "", "X", "An x.", "text/plain"), "no name");
        assertHas(resourceProblems("herald://x", "x", null, "An x.", "text/plain"), "no title");
        assertHas(resourceProblems("herald://x", "x", "X", null, "text/plain"), "no description");
        assertHas(resourceProblems("herald://x", "x", "X", "An x.", null), "no mimeType");
        assertHas(resourceProblems("herald://x", "x", "X", "An x.", "plain"), "no mimeType");
        assertHas(resourceProblems("file:///x", "x", "X", "An x.", "text/plain"), "uri file:///x is not a herald:// URI");
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue(problems.contains(expected), "expected the problem \"" + expected + "\" among " + problems);
    }

    private static ObjectNode schema(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }

    // The checks: each returns the problems it found, empty when the definition is sound.

    static List<String> toolProblems(Tool tool) {
        List<String> problems = new ArrayList<>();
        nameProblems(tool.name(), problems);
        if (blank(tool.title())) {
            problems.add("no title");
        }
        if (blank(tool.description())) {
            problems.add("no description");
        }
        schemaProblems("inputSchema", tool.inputSchema(), problems);
        if (tool.outputSchema() != null) {
            schemaProblems("outputSchema", tool.outputSchema(), problems);
        }
        return problems;
    }

    static List<String> promptProblems(Prompt prompt) {
        List<String> problems = new ArrayList<>();
        nameProblems(prompt.name(), problems);
        if (blank(prompt.title())) {
            problems.add("no title");
        }
        if (blank(prompt.description())) {
            problems.add("no description");
        }
        for (Prompt.Argument argument : prompt.arguments()) {
            if (blank(argument.name())) {
                problems.add("an argument has no name");
            } else if (blank(argument.description())) {
                problems.add("argument " + argument.name() + " has no description");
            }
        }
        return problems;
    }

    static List<String> resourceProblems(String uri, String name, String title, String description, String mimeType) {
        List<String> problems = new ArrayList<>();
        if (uri == null || !uri.startsWith("herald://")) {
            problems.add("uri " + uri + " is not a herald:// URI");
        }
        if (blank(name)) {
            problems.add("no name");
        }
        if (blank(title)) {
            problems.add("no title");
        }
        if (blank(description)) {
            problems.add("no description");
        }
        if (blank(mimeType) || !mimeType.matches("[a-z]+/[a-z0-9.+-]+")) {
            problems.add("no mimeType");
        }
        return problems;
    }

    private static void nameProblems(String name, List<String> problems) {
        if (name == null || !SNAKE_CASE.matcher(name).matches()) {
            problems.add("name " + name + " is not snake_case");
        }
    }

    /** A tool schema: root type object; each property a schema with a JSON type and a description; required names properties. */
    private static void schemaProblems(String which, JsonNode schema, List<String> problems) {
        if (schema == null || !schema.isObject()) {
            problems.add(which + ": not a JSON object");
            return;
        }
        if (!"object".equals(schema.path("type").textValue())) {
            problems.add(which + ": root type is not \"object\"");
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
            problems.add(which + ": properties is not an object");
            properties = null;
        }
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                JsonNode property = p.getValue();
                if (!property.isObject()) {
                    problems.add(which + ": property " + p.getKey() + " is not a schema object");
                    continue;
                }
                if (!hasJsonType(property.get("type"))) {
                    problems.add(which + ": property " + p.getKey() + " has no type");
                }
                if (!property.path("description").isTextual() || blank(property.path("description").textValue())) {
                    problems.add(which + ": property " + p.getKey() + " has no description");
                }
            }
        }
        JsonNode required = schema.get("required");
        if (required != null) {
            if (!required.isArray()) {
                problems.add(which + ": required is not an array");
            } else {
                for (JsonNode r : required) {
                    if (!r.isTextual() || properties == null || !properties.has(r.textValue())) {
                        problems.add(which + ": required " + r.asText() + " is not a property");
                    }
                }
            }
        }
    }

    private static boolean hasJsonType(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return JSON_TYPES.contains(type.textValue());
        }
        if (type.isArray() && !type.isEmpty()) {
            for (JsonNode t : type) {
                if (!t.isTextual() || !JSON_TYPES.contains(t.textValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
