package io.parley.common.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a client's text frame into a {@link ClientFrame}, or into the {@code error} frame the client gets back.
 * All limits of docs/protocol.md are checked here, once, so both socket endpoints behave the same.
 */
public final class FrameParser {
    public static final int MAX_TEXT_CHARS = 4000;
    public static final int MAX_CLIENT_MSG_ID_CHARS = 64;
    public static final int MAX_ID_CHARS = 64;
    public static final int MAX_RESUME_CONVERSATIONS = 200;
    public static final int MAX_NOTE_CHARS = 1000;
    public static final int MAX_ATTACHMENTS = 10;

    /** Either {@code frame} or {@code error} is set. */
    public record Result(ClientFrame frame, ServerFrame.Error error) {
        static Result ok(ClientFrame frame) {
            return new Result(frame, null);
        }

        static Result fail(ErrorCode code, String message, String ref) {
            return new Result(null, new ServerFrame.Error(code, message, ref));
        }
    }

    private FrameParser() {
    }

    public static Result parse(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Result.fail(ErrorCode.BAD_FRAME, "frame is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            return Result.fail(ErrorCode.BAD_FRAME, "frame must be a JSON object", null);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return Result.fail(ErrorCode.BAD_FRAME, "missing string field 'type'", null);
        }
        return switch (type.asText()) {
            case "send" -> parseSend(root);
            case "resume" -> parseResume(root);
            case "typing" -> parseTyping(root);
            case "read" -> parseRead(root);
            case "ping" -> parsePing(root);
            case "action" -> parseAction(root);
            case "presence" -> parsePresence(root);
            default -> Result.fail(ErrorCode.BAD_FRAME, "unknown frame type '" + abbreviate(type.asText()) + "'", null);
        };
    }

    private static Result parseSend(JsonNode root) {
        JsonNode clientMsgId = root.get("clientMsgId");
        if (clientMsgId == null || !clientMsgId.isTextual() || clientMsgId.asText().isEmpty()
                || clientMsgId.asText().length() > MAX_CLIENT_MSG_ID_CHARS) {
            return Result.fail(ErrorCode.BAD_FRAME,
                    "send needs 'clientMsgId', a string of 1.." + MAX_CLIENT_MSG_ID_CHARS + " characters", null);
        }
        String ref = clientMsgId.asText();
        String conversationId = null;
        JsonNode conv = root.get("conversationId");
        if (conv != null && !conv.isNull()) {
            if (!isId(conv)) {
                return Result.fail(ErrorCode.BAD_FRAME, "'conversationId' must be a non-empty string", ref);
            }
            conversationId = conv.asText();
        }
        List<String> attachments = new ArrayList<>();
        JsonNode files = root.get("attachments");
        if (files != null && !files.isNull()) {
            if (!files.isArray() || files.size() > MAX_ATTACHMENTS) {
                return Result.fail(files.isArray() ? ErrorCode.TOO_LARGE : ErrorCode.BAD_FRAME,
                        "'attachments' must be an array of at most " + MAX_ATTACHMENTS + " attachment ids", ref);
            }
            for (JsonNode file : files) {
                if (!isId(file) || attachments.contains(file.asText())) {
                    return Result.fail(ErrorCode.BAD_FRAME, "'attachments' must hold distinct attachment ids", ref);
                }
                attachments.add(file.asText());
            }
        }
        JsonNode textNode = root.get("text");
        boolean noText = textNode == null || textNode.isNull() || textNode.isTextual() && textNode.asText().isBlank();
        if (noText && attachments.isEmpty() || textNode != null && !textNode.isNull() && !textNode.isTextual()) {
            return Result.fail(ErrorCode.BAD_FRAME, "send needs 'text', a non-blank string (or 'attachments')", ref);
        }
        String messageText = noText ? "" : textNode.asText();
        int chars = messageText.codePointCount(0, messageText.length());
        if (chars > MAX_TEXT_CHARS) {
            return Result.fail(ErrorCode.TOO_LARGE,
                    "text has " + chars + " characters; the limit is " + MAX_TEXT_CHARS, ref);
        }
        return Result.ok(new ClientFrame.Send(ref, conversationId, messageText, List.copyOf(attachments)));
    }

    private static Result parseResume(JsonNode root) {
        JsonNode conversations = root.get("conversations");
        if (conversations == null || !conversations.isObject()) {
            return Result.fail(ErrorCode.BAD_FRAME, "resume needs 'conversations', an object of id -> lastSeq", null);
        }
        if (conversations.size() > MAX_RESUME_CONVERSATIONS) {
            return Result.fail(ErrorCode.TOO_LARGE,
                    "resume names " + conversations.size() + " conversations; the limit is " + MAX_RESUME_CONVERSATIONS,
                    null);
        }
        Map<String, Long> cursors = new LinkedHashMap<>();
        var fields = conversations.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            JsonNode seq = entry.getValue();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_ID_CHARS || !seq.isIntegralNumber()
                    || seq.asLong() < 0) {
                return Result.fail(ErrorCode.BAD_FRAME,
                        "resume entries must map a conversation id to a lastSeq >= 0", null);
            }
            cursors.put(entry.getKey(), seq.asLong());
        }
        return Result.ok(new ClientFrame.Resume(cursors));
    }

    private static Result parseTyping(JsonNode root) {
        JsonNode conv = root.get("conversationId");
        JsonNode state = root.get("state");
        if (!isId(conv) || state == null || !state.isTextual()
                || !(state.asText().equals("on") || state.asText().equals("off"))) {
            return Result.fail(ErrorCode.BAD_FRAME, "typing needs 'conversationId' and 'state' of \"on\" or \"off\"",
                    null);
        }
        return Result.ok(new ClientFrame.Typing(conv.asText(), state.asText().equals("on")));
    }

    private static Result parseRead(JsonNode root) {
        JsonNode conv = root.get("conversationId");
        JsonNode seq = root.get("seq");
        if (!isId(conv) || seq == null || !seq.isIntegralNumber() || seq.asLong() < 1) {
            return Result.fail(ErrorCode.BAD_FRAME, "read needs 'conversationId' and an integer 'seq' >= 1", null);
        }
        return Result.ok(new ClientFrame.Read(conv.asText(), seq.asLong()));
    }

    private static Result parseAction(JsonNode root) {
        JsonNode refNode = root.get("ref");
        if (refNode == null || !refNode.isTextual() || refNode.asText().isEmpty()
                || refNode.asText().length() > MAX_CLIENT_MSG_ID_CHARS) {
            return Result.fail(ErrorCode.BAD_FRAME,
                    "action needs 'ref', a string of 1.." + MAX_CLIENT_MSG_ID_CHARS + " characters", null);
        }
        String ref = refNode.asText();
        ActionFields fields = actionFields(root);
        if (fields.error() != null) {
            return Result.fail(ErrorCode.BAD_FRAME, fields.error(), ref);
        }
        JsonNode conv = root.get("conversationId");
        if (!isId(conv)) {
            return Result.fail(ErrorCode.BAD_FRAME, "action needs 'conversationId'", ref);
        }
        return Result.ok(new ClientFrame.Action(ref, conv.asText(), fields.action(), fields.toAgent(),
                fields.toGroup(), fields.note()));
    }

    /** The fields an action has in a socket frame and in the REST body alike; {@code error} when invalid. */
    public record ActionFields(ConversationActionKind action, String toAgent, String toGroup, String note,
            String error) {
    }

    public static ActionFields actionFields(JsonNode root) {
        JsonNode actionNode = root.get("action");
        ConversationActionKind action;
        try {
            action = actionNode != null && actionNode.isTextual()
                    ? ConversationActionKind.fromWire(actionNode.asText()) : null;
        } catch (IllegalArgumentException e) {
            action = null;
        }
        if (action == null) {
            return invalid("'action' must be one of accept, transfer, close, reopen, reassign");
        }
        String toAgent = null;
        String toGroup = null;
        JsonNode agentNode = root.get("toAgent");
        JsonNode groupNode = root.get("toGroup");
        if (agentNode != null && !agentNode.isNull()) {
            if (!isId(agentNode)) {
                return invalid("'toAgent' must be a non-empty string of at most " + MAX_ID_CHARS + " characters");
            }
            toAgent = agentNode.asText();
        }
        if (groupNode != null && !groupNode.isNull()) {
            if (!isId(groupNode)) {
                return invalid("'toGroup' must be a non-empty string of at most " + MAX_ID_CHARS + " characters");
            }
            toGroup = groupNode.asText();
        }
        switch (action) {
            case TRANSFER -> {
                if ((toAgent == null) == (toGroup == null)) {
                    return invalid("transfer needs exactly one of 'toAgent' or 'toGroup'");
                }
            }
            case REASSIGN -> {
                if (toAgent == null || toGroup != null) {
                    return invalid("reassign needs 'toAgent' (and no 'toGroup')");
                }
            }
            default -> {
                if (toAgent != null || toGroup != null) {
                    return invalid(action.wire() + " takes no 'toAgent' or 'toGroup'");
                }
            }
        }
        String note = null;
        JsonNode noteNode = root.get("note");
        if (noteNode != null && !noteNode.isNull()) {
            if (!noteNode.isTextual()) {
                return invalid("'note' must be a string");
            }
            note = noteNode.asText();
            int chars = note.codePointCount(0, note.length());
            if (chars > MAX_NOTE_CHARS) {
                return invalid("note has " + chars + " characters; the limit is " + MAX_NOTE_CHARS);
            }
        }
        return new ActionFields(action, toAgent, toGroup, note, null);
    }

    private static ActionFields invalid(String error) {
        return new ActionFields(null, null, null, null, error);
    }

    private static Result parsePresence(JsonNode root) {
        JsonNode state = root.get("state");
        if (state == null || !state.isTextual()
                || !(state.asText().equals("online") || state.asText().equals("away"))) {
            return Result.fail(ErrorCode.BAD_FRAME, "presence needs 'state' of \"online\" or \"away\"", null);
        }
        return Result.ok(new ClientFrame.Presence(state.asText().equals("away")));
    }

    private static Result parsePing(JsonNode root) {
        JsonNode t = root.get("t");
        if (t == null || !t.isNumber()) {
            return Result.fail(ErrorCode.BAD_FRAME, "ping needs a number 't'", null);
        }
        return Result.ok(new ClientFrame.Ping(t.numberValue()));
    }

    private static boolean isId(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty() && node.asText().length() <= MAX_ID_CHARS;
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
