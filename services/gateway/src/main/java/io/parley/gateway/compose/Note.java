package io.parley.gateway.compose;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A private note in a conversation: for the tenant's agents only, placed after message {@code afterSeq}. */
public record Note(long id, String conversationId, String authorId, String authorName, String body, long afterSeq,
        OffsetDateTime createdAt) {

    /** A conversation's notes, oldest first. */
    @Schema(name = "NoteListing")
    public record Listing(List<Note> notes) {
    }

    /** A new note. */
    @Schema(name = "NoteRequest")
    public record Request(
            @NotNull(message = BODY_RULE) @Size(min = 1, max = 4000, message = BODY_RULE)
            @Pattern(regexp = "(?s).*\\S.*", message = BODY_RULE) String body) {
    }

    static final String BODY_RULE = "'body' is required: 1..4000 characters, not blank";
}
