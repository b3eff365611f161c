package io.parley.gateway.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A page of the audit log, newest first. {@code nextBeforeId}: pass as {@code beforeId} for the next page; null on
 * the last page.
 */
public record AuditPage(List<AuditEntry> entries, Long nextBeforeId) {

    /** One audited change; {@code before}/{@code after} are the state as the API showed it (null: none). */
    public record AuditEntry(long id, OffsetDateTime at, String actorKind, String actorId, String action,
            String conversationId, Map<String, Object> before, Map<String, Object> after, String note) {
    }
}
