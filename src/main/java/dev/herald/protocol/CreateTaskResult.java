package dev.herald.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The immediate answer to a task-augmented request: the new task, and optionally text for the model meanwhile. */
public record CreateTaskResult(Task task, @JsonProperty("_meta") Map<String, Object> meta) {
    /** The {@code _meta} key for a string a host may hand its model while the task runs. */
    public static final String MODEL_IMMEDIATE_RESPONSE = "io.modelcontextprotocol/model-immediate-response";
}
