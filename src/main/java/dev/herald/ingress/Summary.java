package dev.herald.ingress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one-line body of an event made from a JSON payload, where Herald knows the shape: GitHub
 * push, workflow_run and pull_request, Alertmanager (and Grafana, which sends the same shape)
 * alerts; otherwise the event type. Pure functions, any thread.
 */
final class Summary {
    static final int MAX = 300;

    private Summary() {
        throw new AssertionError();
    }

    /** {@code githubEvent} is the X-GitHub-Event header, or null for a payload from elsewhere. */
    static String of(String githubEvent, JsonNode p, String source) {
        String line;
        if (githubEvent != null) {
            line = switch (githubEvent) {
                case "push" -> push(p);
                case "workflow_run" -> workflowRun(p);
                case "pull_request" -> pullRequest(p);
                default -> "GitHub " + githubEvent + (text(p, "action").isEmpty() ? "" : " " + text(p, "action")) + in(p);
            };
        } else if (p.path("alerts").isArray() && p.path("status").isTextual()) {
            line = alerts(p);
        } else if (!text(p, "type").isEmpty()) {
            line = text(p, "type");
        } else {
            line = source == null ? "JSON payload" : "webhook from " + source;
        }
        return clip(line.replaceAll("\\s+", " ").trim());
    }

    private static String push(JsonNode p) {
        String ref = text(p, "ref");
        String where = ref.startsWith("refs/heads/") ? ref.substring(11) : ref.startsWith("refs/tags/") ? "tag " + ref.substring(10) : ref;
        String who = first(text(p.path("pusher"), "name"), text(p.path("sender"), "login"), "someone");
        if (p.path("deleted").asBoolean(false)) {
            return who + " deleted " + where + in(p);
        }
        int n = p.path("commits").size();
        String head = firstLine(text(p.path("head_commit"), "message"));
        return who + " pushed " + n + (n == 1 ? " commit" : " commits") + " to " + where + in(p) + (head.isEmpty() ? "" : ": " + head);
    }

    private static String workflowRun(JsonNode p) {
        JsonNode run = p.path("workflow_run");
        String name = first(text(run, "name"), text(p.path("workflow"), "name"), "workflow");
        String action = text(p, "action");
        String conclusion = text(run, "conclusion");
        String state = action.equals("completed") && !conclusion.isEmpty() ? "completed: " + conclusion : first(action, text(run, "status"), "updated");
        String branch = text(run, "head_branch");
        return "Workflow " + name + " " + state + (branch.isEmpty() ? "" : " on " + branch) + in(p);
    }

    private static String pullRequest(JsonNode p) {
        JsonNode pr = p.path("pull_request");
        String action = text(p, "action");
        if (action.equals("closed") && pr.path("merged").asBoolean(false)) {
            action = "merged";
        }
        String who = first(text(pr.path("user"), "login"), text(p.path("sender"), "login"), "someone");
        return "Pull request #" + first(text(p, "number"), text(pr, "number"), "?") + " " + action + in(p) + ": " + text(pr, "title") + " (" + who + ")";
    }

    private static String alerts(JsonNode p) {
        String status = text(p, "status").toUpperCase(java.util.Locale.ROOT);
        JsonNode alerts = p.path("alerts");
        JsonNode one = alerts.path(0);
        String name = first(text(p.path("commonLabels"), "alertname"), text(one.path("labels"), "alertname"), "alert");
        String about = first(text(p.path("commonAnnotations"), "summary"), text(one.path("annotations"), "summary"),
                text(one.path("annotations"), "description"));
        return "[" + status + ":" + alerts.size() + "] " + name + (about.isEmpty() ? "" : ": " + firstLine(about));
    }

    private static String in(JsonNode p) {
        String repo = text(p.path("repository"), "full_name");
        return repo.isEmpty() ? "" : " in " + repo;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() ? v.asText("") : "";
    }

    private static String first(String... choices) {
        for (String c : choices) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    static String clip(String s) {
        if (s.length() <= MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX - 2)) ? MAX - 2 : MAX - 1; // never half a character
        return s.substring(0, end) + "…";
    }
}
