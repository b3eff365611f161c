package io.parley.gateway.session;

import io.parley.common.model.Participant;
import io.parley.gateway.conversation.ConversationDirectory;
import io.parley.gateway.conversation.ConversationView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which conversations a socket may use: a visitor their own, an agent any of their tenant's (routing checks more:
 * only the assignee may write). Checked once per conversation, then remembered by the session.
 */
@ApplicationScoped
public class ConversationAccess {
    private final ConversationDirectory conversations;

    public ConversationAccess(ConversationDirectory conversations) {
        this.conversations = conversations;
    }

    public Uni<Boolean> mayUse(Session session, String conversationId) {
        if (session.mayUseKnown(conversationId)) {
            return Uni.createFrom().item(true);
        }
        return conversations.find(conversationId).map(view -> {
            boolean ok = view != null && permits(session, view);
            if (ok) {
                session.allow(conversationId);
            }
            return ok;
        });
    }

    /** The conversation as the directory has it, or null when it does not exist or is not the session's to use. */
    public Uni<ConversationView> find(Session session, String conversationId) {
        return conversations.find(conversationId).map(view -> view != null && permits(session, view) ? view : null);
    }

    static boolean permits(Session session, ConversationView view) {
        if (!view.tenant().equals(session.tenant())) {
            return false;
        }
        return session.me().kind() != Participant.Kind.VISITOR || view.visitorId().equals(session.me().id());
    }
}
