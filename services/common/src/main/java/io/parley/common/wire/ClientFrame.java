package io.parley.common.wire;

import java.util.List;
import java.util.Map;

/** Frames a client sends; parsed and validated by {@link FrameParser}. See docs/protocol.md. */
public sealed interface ClientFrame {

    /**
     * {@code conversationId} is null when a visitor's send opens a conversation; {@code attachments} names uploads
     * (possibly none; then {@code text} is required, else it may be empty).
     */
    record Send(String clientMsgId, String conversationId, String text, List<String> attachments)
            implements ClientFrame {
        public Send(String clientMsgId, String conversationId, String text) {
            this(clientMsgId, conversationId, text, List.of());
        }
    }

    record Resume(Map<String, Long> conversations) implements ClientFrame {
    }

    record Typing(String conversationId, boolean on) implements ClientFrame {
    }

    record Read(String conversationId, long seq) implements ClientFrame {
    }

    /**
     * An agent's (or supervisor's) action on a conversation; see docs/protocol.md. {@code toAgent} is set for
     * transfer-to-agent and reassign, {@code toGroup} for transfer-to-group; {@code note} is optional.
     */
    record Action(String ref, String conversationId, ConversationActionKind action, String toAgent, String toGroup,
            String note) implements ClientFrame {
    }

    /** An agent device's availability: {@code away} stops it counting as online for routing. */
    record Presence(boolean away) implements ClientFrame {
    }

    /** {@code t} is echoed untouched, so it is kept as the client's JSON number. */
    record Ping(Number t) implements ClientFrame {
    }
}
