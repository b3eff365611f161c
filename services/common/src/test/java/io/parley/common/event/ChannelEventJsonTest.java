package io.parley.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of channel event is one object with one field named by its kind, and reads back as that kind. */
class ChannelEventJsonTest {

    @Test
    void eachKindIsAnObjectWithOneFieldNamedByTheKindAndReadsBack() {
        Participant ann = Participant.visitor("v1", "Ann");
        List<ChannelEvent> events = List.of(
                ChannelEvent.of(new SequencedMessage("t", "c", "m1", 3, "cm", ann, "hi", 10, 9)),
                ChannelEvent.of(new ConversationChanged("t", "c", "v1", ConversationStatus.QUEUED, null, 3, 11, 2, 60)),
                ChannelEvent.of(new SendRejected("t", "c", ann, "cm", ErrorCode.FORBIDDEN, "no")),
                ChannelEvent.of(new ServerFrame.Typing("c", ann, "on")),
                ChannelEvent.of(new ServerFrame.Read("c", ann, 3)),
                ChannelEvent.of(new CommandResult("t", "c", Participant.agent("a", null), "r1", false,
                        ErrorCode.NOT_FOUND, "gone", null, null)),
                ChannelEvent.of(new ServerFrame.Alert("c", 3, ServerFrame.Alert.NEGATIVE_SENTIMENT, -0.8, "sorry")));
        List<String> kinds = List.of("message", "conversation", "rejected", "typing", "read", "result", "alert");
        for (int i = 0; i < events.size(); i++) {
            String json = Json.write(events.get(i));
            assertTrue(json.startsWith("{\"" + kinds.get(i) + "\":{"), json);
            assertEquals(events.get(i), Json.read(json, ChannelEvent.class), json);
        }
    }
}
