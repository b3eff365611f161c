package io.parley.gateway.search;

import io.parley.common.model.Participant;
import io.parley.gateway.inbox.InboxItem;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message that matched a search, with the part around the match and where the terms are in it. */
public record SearchHit(String conversationId, long seq, String messageId, Participant sender, OffsetDateTime at,
        String snippet, @Schema(description = "[start, end) offsets in snippet, UTF-16 code units") List<int[]> highlights,
        String status, InboxItem.Visitor visitor) {

    /** A page of results: messages newest first; conversations whose visitor or tags matched (first page only). */
    @Schema(name = "SearchResults")
    public record Results(List<String> terms, List<SearchHit> messages, List<ConversationMatch> conversations,
            String next) {
    }

    /** A conversation found by its visitor (name, email, attributes) or a tag. */
    @Schema(name = "SearchConversationMatch")
    public record ConversationMatch(String conversationId, String status, InboxItem.Visitor visitor, List<String> tags,
            String matched, OffsetDateTime lastActivityAt) {
    }
}
