package dev.herald.protocol;

/** The three lists whose changes MCP announces, with their notification methods. */
public enum ListKind {
    TOOLS(Methods.NOTIFICATIONS_TOOLS_LIST_CHANGED),
    RESOURCES(Methods.NOTIFICATIONS_RESOURCES_LIST_CHANGED),
    PROMPTS(Methods.NOTIFICATIONS_PROMPTS_LIST_CHANGED);

    private final String notification;

    ListKind(String notification) {
        this.notification = notification;
    }

    public String notification() {
        return notification;
    }
}
