package io.parley.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the exact JSON of server frames: outside clients follow docs/protocol.md to the letter. */
class ServerFrameJsonTest {

    @Test
    void ackAndMessage() {
        assertEquals("{\"type\":\"ack\",\"clientMsgId\":\"c1\",\"conversationId\":\"k\",\"id\":\"m\",\"seq\":3,\"ts\":17}",
                Json.write(new ServerFrame.Ack("c1", "k", "m", 3, 17)));
        assertEquals("{\"type\":\"message\",\"conversationId\":\"k\",\"id\":\"m\",\"seq\":3,\"clientMsgId\":\"c1\","
                + "\"sender\":{\"kind\":\"visitor\",\"id\":\"v1\",\"name\":\"Ann\"},\"text\":\"hi\",\"ts\":17}",
                Json.write(new ServerFrame.Message("k", "m", 3, "c1", Participant.visitor("v1", "Ann"), "hi", 17, java.util.List.of())));
    }

    @Test
    void welcomeConversationErrorPong() {
        assertEquals("{\"type\":\"welcome\",\"participant\":{\"kind\":\"agent\",\"id\":\"alice\"},"
                + "\"conversations\":[{\"id\":\"k\",\"lastSeq\":2,\"status\":\"assigned\"}],\"heartbeatSec\":30}",
                Json.write(new ServerFrame.Welcome(Participant.agent("alice", null),
                        List.of(new ServerFrame.ConversationSummary("k", 2, ConversationStatus.ASSIGNED)), 30)));
        assertEquals("{\"type\":\"conversation\",\"conversationId\":\"k\",\"status\":\"queued\",\"assignee\":null}",
                Json.write(new ServerFrame.Conversation("k", ConversationStatus.QUEUED, null)));
        assertEquals("{\"type\":\"conversation\",\"conversationId\":\"k\",\"status\":\"queued\",\"assignee\":null,"
                + "\"position\":3,\"etaSec\":90}",
                Json.write(new ServerFrame.Conversation("k", ConversationStatus.QUEUED, null, 3, 90)));
        assertEquals("{\"type\":\"error\",\"code\":\"unavailable\",\"message\":\"try again\",\"ref\":\"c1\"}",
                Json.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "try again", "c1")));
        assertEquals("{\"type\":\"pong\",\"t\":12.5}", Json.write(new ServerFrame.Pong(12.5)));
        assertEquals("{\"type\":\"done\",\"ref\":\"r1\",\"conversationId\":\"k\",\"status\":\"closed\",\"assignee\":null}",
                Json.write(new ServerFrame.Done("r1", "k", ConversationStatus.CLOSED, null)));
        assertEquals("{\"type\":\"error\",\"code\":\"invalid_state\",\"message\":\"no\",\"ref\":\"r\"}",
                Json.write(new ServerFrame.Error(ErrorCode.INVALID_STATE, "no", "r")));
    }
}
