package io.parley.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.model.VisitorProfile;
import java.util.List;

/** Frames the server sends. Each record serialises to exactly the JSON in docs/protocol.md. */
public sealed interface ServerFrame {

    @JsonProperty("type")
    String type();

    @JsonPropertyOrder({ "type", "participant", "conversations", "heartbeatSec" })
    record Welcome(Participant participant, List<ConversationSummary> conversations, int heartbeatSec)
            implements ServerFrame {
        public String type() {
            return "welcome";
        }
    }

    record ConversationSummary(String id, long lastSeq, ConversationStatus status) {
    }

    @JsonPropertyOrder({ "type", "clientMsgId", "conversationId", "id", "seq", "ts" })
    record Ack(String clientMsgId, String conversationId, String id, long seq, long ts) implements ServerFrame {
        public String type() {
            return "ack";
        }

        public static Ack of(SequencedMessage m) {
            return new Ack(m.clientMsgId(), m.conversationId(), m.id(), m.seq(), m.ts());
        }
    }

    /** {@code parts} (attachments) is absent when the message has none. */
    @JsonPropertyOrder({ "type", "conversationId", "id", "seq", "clientMsgId", "sender", "text", "ts", "parts" })
    record Message(String conversationId, String id, long seq, String clientMsgId, Participant sender, String text,
            long ts, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MessagePart> parts) implements ServerFrame {
        public String type() {
            return "message";
        }

        public static Message of(SequencedMessage m) {
            return new Message(m.conversationId(), m.id(), m.seq(), m.clientMsgId(), m.sender(), m.text(), m.ts(),
                    m.parts());
        }
    }

    /**
     * To the assigned agent only: the visitor's message {@code seq} reads as negative ({@code score} in [-1, 0));
     * {@code suggestion} is a calming reply the agent may use (the bot's {@code calmingReply}).
     */
    @JsonPropertyOrder({ "type", "conversationId", "seq", "kind", "score", "suggestion" })
    record Alert(String conversationId, long seq, String kind, double score, String suggestion)
            implements ServerFrame {
        public static final String NEGATIVE_SENTIMENT = "negative_sentiment";

        public String type() {
            return "alert";
        }
    }

    /**
     * The visitor rated a closed conversation: to the visitor's sockets and to the agent it was assigned to.
     * {@code comment} is omitted when the visitor left none.
     */
    @JsonPropertyOrder({ "type", "conversationId", "score", "comment", "ts" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Csat(String conversationId, int score, String comment, long ts) implements ServerFrame {
        public String type() {
            return "csat";
        }
    }

    /**
     * To every agent socket of the tenant: a ticket changed ({@code change}: created, updated, reply, note). The
     * ticket's state after the change; never a reply's or note's text (read the ticket for that).
     */
    @JsonPropertyOrder({ "type", "ticketId", "change", "conversationId", "status", "priority", "assignee", "group",
        "tags", "actor", "ts" })
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Ticket(long ticketId, String change, String conversationId, String status, String priority,
            String assignee, String group, List<String> tags, String actor, long ts) implements ServerFrame {
        public String type() {
            return "ticket";
        }
    }

    @JsonPropertyOrder({ "type", "conversationId", "participant", "state" })
    record Typing(String conversationId, Participant participant, String state) implements ServerFrame {
        public String type() {
            return "typing";
        }
    }

    @JsonPropertyOrder({ "type", "conversationId", "reader", "seq" })
    record Read(String conversationId, Participant reader, long seq) implements ServerFrame {
        public String type() {
            return "read";
        }
    }

    /**
     * {@code assignee} is always present (null when none); {@code position}/{@code etaSec} only while queued;
     * on agents' sockets only: {@code handoff} when a bot handed the conversation over, {@code unmatchedSkills}
     * when it reached the agent without some requested skills (after they relaxed), and {@code visitor}.
     */
    @JsonPropertyOrder({ "type", "conversationId", "status", "assignee", "position", "etaSec", "handoff",
        "unmatchedSkills", "visitor" })
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Conversation(String conversationId, ConversationStatus status, Participant assignee,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer position,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer etaSec,
            @JsonInclude(JsonInclude.Include.NON_NULL) Handoff handoff,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unmatchedSkills,
            @JsonInclude(JsonInclude.Include.NON_NULL) VisitorProfile visitor) implements ServerFrame {

        public Conversation(String conversationId, ConversationStatus status, Participant assignee) {
            this(conversationId, status, assignee, null, null);
        }

        public Conversation(String conversationId, ConversationStatus status, Participant assignee, Integer position,
                Integer etaSec) {
            this(conversationId, status, assignee, position, etaSec, null, null, null);
        }

        /** As a visitor sees the change: without what is for the team only. */
        public static Conversation forVisitor(ConversationChanged c) {
            return new Conversation(c.conversationId(), c.status(), c.assignee(), c.position(), c.etaSec());
        }

        /** As an agent sees the change. */
        public static Conversation forAgent(ConversationChanged c) {
            return new Conversation(c.conversationId(), c.status(), c.assignee(), c.position(), c.etaSec(),
                    c.handoff(), c.unmatchedSkills(), c.visitor());
        }

        public String type() {
            return "conversation";
        }
    }

    /** The acting socket's confirmation that an {@code action} was applied. */
    @JsonPropertyOrder({ "type", "ref", "conversationId", "status", "assignee" })
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Done(String ref, String conversationId, ConversationStatus status, Participant assignee)
            implements ServerFrame {
        public String type() {
            return "done";
        }
    }

    @JsonPropertyOrder({ "type", "code", "message", "ref" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(ErrorCode code, String message, String ref) implements ServerFrame {
        public String type() {
            return "error";
        }
    }

    @JsonPropertyOrder({ "type", "t" })
    record Pong(Number t) implements ServerFrame {
        public String type() {
            return "pong";
        }
    }
}
