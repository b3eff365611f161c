package io.parley.gateway.session;

import io.parley.common.event.SequencedMessage;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers one conversation's messages to one socket exactly in seq order, once. Live messages arrive from
 * Redis; anything missing (a gap, or everything after a resume's lastSeq) is read from PostgreSQL first,
 * while newer live messages wait in {@code pending}. All methods run under the cursor's lock; the database
 * read completes asynchronously and re-enters through {@link #drain}.
 */
public final class DeliveryCursor {
    private static final int PAGE = 500;

    private final String conversationId;
    /** Where stored messages come from: the next page after a seq. */
    @FunctionalInterface
    public interface Source {
        Uni<List<SequencedMessage>> after(String conversationId, long afterSeq, int limit);
    }

    private final Source history;
    private final Consumer<SequencedMessage> emit;
    private final ArrayDeque<SequencedMessage> pending = new ArrayDeque<>();
    private long lastSeq;
    private boolean filling;
    /**
     * Live messages wait while the client may still say where it is: a reconnecting client holds less than
     * the {@code lastSeq} its welcome listed, and a live message must not overtake the replay it asks for.
     */
    private boolean held;

    DeliveryCursor(String conversationId, long lastSeq, Source history, Consumer<SequencedMessage> emit) {
        this.conversationId = conversationId;
        this.lastSeq = lastSeq;
        this.history = history;
        this.emit = emit;
    }

    /** Holds live messages until {@link #resumeFrom} or {@link #release}. */
    public synchronized void hold() {
        held = true;
    }

    /** The client will not resume this conversation: deliver what is newer than {@code lastSeq}, in order. */
    public synchronized void release() {
        if (held) {
            held = false;
            drain();
        }
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** A live message. */
    public synchronized void offer(SequencedMessage message) {
        pending.add(message);
        drain();
    }

    /** The client says it has everything up to {@code clientLastSeq}: replay the rest from storage. */
    public synchronized void resumeFrom(long clientLastSeq) {
        held = false;
        lastSeq = clientLastSeq;
        if (!filling) {
            fill();
        }
    }

    private void drain() {
        while (!filling && !held && !pending.isEmpty()) {
            SequencedMessage next = pending.peek();
            if (next.seq() <= lastSeq) {
                pending.poll(); // already delivered (redelivery, or covered by a fill)
            } else if (next.seq() == lastSeq + 1) {
                pending.poll();
                lastSeq = next.seq();
                emit.accept(next);
            } else {
                fill(); // a gap: read what is missing before going on
            }
        }
    }

    private void fill() {
        filling = true;
        long from = lastSeq;
        history.after(conversationId, from, PAGE).subscribe().with(page -> {
            synchronized (this) {
                for (SequencedMessage stored : page) {
                    if (stored.seq() == lastSeq + 1) {
                        lastSeq = stored.seq();
                        emit.accept(stored);
                    }
                }
                if (page.size() == PAGE) {
                    fill();
                    return;
                }
                filling = false;
                // A live message beyond what storage had (published before commit is impossible, but a read
                // replica lag is not): skip the gap instead of looping; order is still preserved.
                if (!pending.isEmpty() && pending.peek().seq() > lastSeq + 1 && page.isEmpty()) {
                    lastSeq = pending.peek().seq() - 1;
                }
                drain();
            }
        }, failure -> {
            synchronized (this) {
                filling = false;
                // Storage unreachable: deliver what we have in order; the client can resume later.
                if (!pending.isEmpty() && pending.peek().seq() > lastSeq + 1) {
                    lastSeq = pending.peek().seq() - 1;
                }
                drain();
            }
        });
    }

}
