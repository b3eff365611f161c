package io.parley.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameParserTest {

    private static ServerFrame.Error error(String text) {
        FrameParser.Result result = FrameParser.parse(text);
        assertNull(result.frame(), "expected an error for " + text);
        return result.error();
    }

    @Test
    void parsesEveryClientFrameType() {
        assertEquals(new ClientFrame.Send("c1", "conv", "hi"),
                FrameParser.parse("{\"type\":\"send\",\"clientMsgId\":\"c1\",\"conversationId\":\"conv\",\"text\":\"hi\"}").frame());
        assertEquals(new ClientFrame.Send("c1", null, "hi"),
                FrameParser.parse("{\"type\":\"send\",\"clientMsgId\":\"c1\",\"text\":\"hi\"}").frame());
        assertEquals(new ClientFrame.Resume(Map.of("a", 3L, "b", 0L)),
                FrameParser.parse("{\"type\":\"resume\",\"conversations\":{\"a\":3,\"b\":0}}").frame());
        assertEquals(new ClientFrame.Typing("a", true),
                FrameParser.parse("{\"type\":\"typing\",\"conversationId\":\"a\",\"state\":\"on\"}").frame());
        assertEquals(new ClientFrame.Read("a", 7),
                FrameParser.parse("{\"type\":\"read\",\"conversationId\":\"a\",\"seq\":7}").frame());
        assertEquals(1.5, ((ClientFrame.Ping) FrameParser.parse("{\"type\":\"ping\",\"t\":1.5}").frame()).t().doubleValue());
    }

    @Test
    void malformedJsonIsBadFrame() {
        assertEquals(ErrorCode.BAD_FRAME, error("{not json").code());
        assertEquals(ErrorCode.BAD_FRAME, error("[1,2]").code());
        assertEquals(ErrorCode.BAD_FRAME, error("\"send\"").code());
    }

    @Test
    void unknownOrMissingTypeIsBadFrame() {
        assertEquals("unknown frame type 'shout'", error("{\"type\":\"shout\"}").message());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"text\":\"hi\"}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":5}").code());
    }

    @Test
    void sendWithMissingFieldsNamesTheFieldAndRef() {
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"send\",\"text\":\"hi\"}").code());
        ServerFrame.Error noText = error("{\"type\":\"send\",\"clientMsgId\":\"c9\"}");
        assertEquals(ErrorCode.BAD_FRAME, noText.code());
        assertEquals("c9", noText.ref());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"send\",\"clientMsgId\":\"c9\",\"text\":\"   \"}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"send\",\"clientMsgId\":\"\",\"text\":\"hi\"}").code());
        assertEquals(ErrorCode.BAD_FRAME,
                error("{\"type\":\"send\",\"clientMsgId\":\"" + "x".repeat(65) + "\",\"text\":\"hi\"}").code());
    }

    @Test
    void textLimitCountsCharactersNotBytes() {
        String chinese4000 = "好".repeat(4000);
        assertEquals(new ClientFrame.Send("c", null, chinese4000),
                FrameParser.parse("{\"type\":\"send\",\"clientMsgId\":\"c\",\"text\":\"" + chinese4000 + "\"}").frame());
        ServerFrame.Error tooLong = error("{\"type\":\"send\",\"clientMsgId\":\"c\",\"text\":\"" + "a".repeat(4001) + "\"}");
        assertEquals(ErrorCode.TOO_LARGE, tooLong.code());
        assertEquals("c", tooLong.ref());
    }

    @Test
    void otherFramesValidateTheirFields() {
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"resume\",\"conversations\":{\"a\":-1}}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"resume\",\"conversations\":{\"a\":\"3\"}}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"resume\"}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"typing\",\"conversationId\":\"a\",\"state\":\"maybe\"}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"read\",\"conversationId\":\"a\",\"seq\":0}").code());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"ping\",\"t\":\"now\"}").code());
    }

    @Test
    void actionFramesCarryTheirTargetsAndNote() {
        assertEquals(new ClientFrame.Action("r1", "c", ConversationActionKind.CLOSE, null, null, null),
                FrameParser.parse("{\"type\":\"action\",\"ref\":\"r1\",\"conversationId\":\"c\",\"action\":\"close\"}")
                        .frame());
        assertEquals(new ClientFrame.Action("r2", "c", ConversationActionKind.TRANSFER, null, "billing", "VAT question"),
                FrameParser.parse("{\"type\":\"action\",\"ref\":\"r2\",\"conversationId\":\"c\",\"action\":\"transfer\","
                        + "\"toGroup\":\"billing\",\"note\":\"VAT question\"}").frame());
        assertEquals(new ClientFrame.Action("r3", "c", ConversationActionKind.REASSIGN, "bob", null, null),
                FrameParser.parse("{\"type\":\"action\",\"ref\":\"r3\",\"conversationId\":\"c\",\"action\":\"reassign\","
                        + "\"toAgent\":\"bob\"}").frame());
    }

    @Test
    void presenceIsOnlineOrAway() {
        assertEquals(new ClientFrame.Presence(true), FrameParser.parse("{\"type\":\"presence\",\"state\":\"away\"}").frame());
        assertEquals(new ClientFrame.Presence(false),
                FrameParser.parse("{\"type\":\"presence\",\"state\":\"online\"}").frame());
        assertEquals("presence needs 'state' of \"online\" or \"away\"",
                error("{\"type\":\"presence\",\"state\":\"busy\"}").message());
        assertEquals(ErrorCode.BAD_FRAME, error("{\"type\":\"presence\"}").code());
    }

    @Test
    void badActionsNameTheProblemAndKeepTheRef() {
        String head = "{\"type\":\"action\",\"ref\":\"r\",\"conversationId\":\"c\",";
        assertEquals("'action' must be one of accept, transfer, close, reopen, reassign",
                error(head + "\"action\":\"delete\"}").message());
        assertEquals("transfer needs exactly one of 'toAgent' or 'toGroup'",
                error(head + "\"action\":\"transfer\"}").message());
        assertEquals("transfer needs exactly one of 'toAgent' or 'toGroup'",
                error(head + "\"action\":\"transfer\",\"toAgent\":\"a\",\"toGroup\":\"g\"}").message());
        assertEquals("reassign needs 'toAgent' (and no 'toGroup')", error(head + "\"action\":\"reassign\"}").message());
        assertEquals("close takes no 'toAgent' or 'toGroup'",
                error(head + "\"action\":\"close\",\"toAgent\":\"a\"}").message());
        assertEquals("note has 1001 characters; the limit is 1000",
                error(head + "\"action\":\"close\",\"note\":\"" + "x".repeat(1001) + "\"}").message());
        assertEquals("r", error(head + "\"action\":7}").ref());
        assertEquals("action needs 'conversationId'",
                error("{\"type\":\"action\",\"ref\":\"r\",\"action\":\"close\"}").message());
        assertNull(error("{\"type\":\"action\",\"action\":\"close\",\"conversationId\":\"c\"}").ref());
    }
}
