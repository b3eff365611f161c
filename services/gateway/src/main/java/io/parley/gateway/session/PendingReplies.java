package io.parley.gateway.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one socket waits for, each with a deadline: the sequenced message that acknowledges a send (by conversation
 * and clientMsgId), and routing's result of an action (by ref). The {@link AckTracker} sweeps expired ones.
 */
public final class PendingReplies {
    /** A wait that ran out: a send ({@code action == false}, ref = clientMsgId) or an action (ref = its ref). */
    public record Expired(boolean action, String ref) {
    }

    private final Map<String, Long> acks = new ConcurrentHashMap<>();
    private final Map<String, Long> actions = new ConcurrentHashMap<>();

    public void expectAck(String conversationId, String clientMsgId, long deadline) {
        acks.put(ackKey(conversationId, clientMsgId), deadline);
    }

    /** True if this socket waited for that send's ack (it no longer does). */
    public boolean ackArrived(String conversationId, String clientMsgId) {
        return acks.remove(ackKey(conversationId, clientMsgId)) != null;
    }

    public void expectResult(String ref, long deadline) {
        actions.put(ref, deadline);
    }

    /** True if this socket waited for that action's result (it no longer does). */
    public boolean resultArrived(String ref) {
        return actions.remove(ref) != null;
    }

    /** Removes and returns what is due by {@code now}. */
    public List<Expired> expire(long now) {
        List<Expired> due = new ArrayList<>();
        take(acks, now, due, false);
        take(actions, now, due, true);
        return due;
    }

    private static void take(Map<String, Long> waits, long now, List<Expired> due, boolean action) {
        for (Iterator<Map.Entry<String, Long>> it = waits.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> wait = it.next();
            if (wait.getValue() <= now && waits.remove(wait.getKey(), wait.getValue())) {
                String key = wait.getKey();
                due.add(new Expired(action, action ? key : key.substring(key.indexOf('\u0000') + 1)));
            }
        }
    }

    private static String ackKey(String conversationId, String clientMsgId) {
        return conversationId + '\u0000' + clientMsgId;
    }
}
