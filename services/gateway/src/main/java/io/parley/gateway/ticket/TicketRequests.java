package io.parley.gateway.ticket;

import io.parley.common.rest.ApiException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the tickets API (docs/tickets.md) and their rules. */
public final class TicketRequests {
    static final String ID = "[A-Za-z0-9_.@-]{1,64}";
    static final String ID_RULE = " must be 1..64 of A-Z a-z 0-9 _ . @ -";
    static final String PRIORITY = "low|normal|high|urgent";
    static final String PRIORITY_RULE = "'priority' must be one of low, normal, high, urgent";
    static final String STATUS = "open|pending|solved|closed";
    static final String STATUS_RULE = "'status' must be one of open, pending, solved, closed";
    static final String TAGS_RULE = "'tags' must be an array of at most 20 tags";
    static final String TAG_RULE = "each of 'tags' must be 1..50 characters";
    static final int MAX_BODY = 10_000;

    private TicketRequests() {
    }

    /** {@code POST /api/v1/tickets}. */
    public record NewTicket(
            @NotBlank(message = "'subject' is required: 1..200 characters")
            @Size(max = 200, message = "'subject' is required: 1..200 characters") String subject,
            @NotNull(message = "'requesterId' is required: 1..64 of A-Z a-z 0-9 _ . @ -")
            @Pattern(regexp = ID, message = "'requesterId' is required: 1..64 of A-Z a-z 0-9 _ . @ -") String requesterId,
            @Size(max = 100, message = "'requesterName' must be at most 100 characters") String requesterName,
            @Pattern(regexp = ID, message = "'conversationId'" + ID_RULE) String conversationId,
            @Pattern(regexp = PRIORITY, message = PRIORITY_RULE) String priority,
            @Pattern(regexp = ID, message = "'assigneeId'" + ID_RULE) String assigneeId,
            @Pattern(regexp = ID, message = "'groupId'" + ID_RULE) String groupId,
            @Size(max = 20, message = TAGS_RULE)
            List<@NotBlank(message = TAG_RULE) @Size(max = 50, message = TAG_RULE) String> tags,
            @Size(max = MAX_BODY, message = "'body' must be at most 10000 characters") String body) {
    }

    /** {@code POST /api/v1/tickets/{id}/notes} and {@code .../replies}. */
    public record NewEntry(
            @NotBlank(message = "'body' is required: 1..10000 characters")
            @Size(max = MAX_BODY, message = "'body' is required: 1..10000 characters") String body) {
    }

    /**
     * {@code PATCH /api/v1/tickets/{id}}: the fields present are changed, an explicit null clears one. A record
     * cannot tell an absent field from a null one, so this body is read as a map and checked here, every problem
     * named.
     */
    static Map<String, Object> changes(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("body must be a JSON object with at least one field to change");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        body.forEach((field, value) -> {
            switch (field) {
                case "status" -> changes.put(field, oneOf(value, STATUS, STATUS_RULE, problems));
                case "priority" -> changes.put(field, oneOf(value, PRIORITY, PRIORITY_RULE, problems));
                case "assigneeId", "groupId" -> {
                    if (value != null && !(value instanceof String id && id.matches(ID))) {
                        problems.add("'" + field + "'" + ID_RULE);
                    }
                    changes.put(field, value);
                }
                case "tags" -> changes.put(field, tags(value, problems));
                default -> problems.add("'" + field + "' cannot be changed");
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return changes;
    }

    private static String oneOf(Object value, String allowed, String rule, List<String> problems) {
        if (!(value instanceof String text) || !text.matches(allowed)) {
            problems.add(rule);
            return null;
        }
        return text;
    }

    private static List<String> tags(Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > 20) {
            problems.add(TAGS_RULE);
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Object tag : list) {
            if (!(tag instanceof String text) || text.isBlank() || text.length() > 50) {
                problems.add(TAG_RULE);
                return List.of();
            }
            if (!tags.contains(text)) {
                tags.add(text);
            }
        }
        return tags;
    }
}
