package io.parley.gateway.inbox;

/**
 * What a list asks for, already checked: the view and the filters (null: no filter), a keyset cursor (null: the
 * first page) and the page size. {@code reader} is the caller: "mine" means theirs, unread counts are theirs;
 * {@code supervises} widens the closed view from their own conversations to the tenant's.
 */
public record InboxQuery(String tenant, String reader, boolean supervises, View view, String status,
        String groupId, String tag, String channel, InboxCursor after, int limit) {

    /** The inbox's views (docs/console.md). */
    public enum View {
        /** The caller's own conversations that are not closed. */
        MINE,
        /** Waiting for an agent (status queued). */
        QUEUED,
        /** Every conversation of the tenant (supervisors and admins). */
        ALL,
        /** Closed: the caller's own (their last assignee was the caller), or every one for supervisors and admins. */
        CLOSED;

        public static View fromWire(String value) {
            for (View view : values()) {
                if (view.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                    return view;
                }
            }
            return null;
        }
    }
}
