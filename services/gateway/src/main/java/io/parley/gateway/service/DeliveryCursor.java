package io.parley.gateway.service;

import io.parley.common.event.SequencedMessage;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Delivers one conversation's messages to one socket exactly in seq order, once. Live messages arrive from
 * Redis; anything missing (a gap, or everything after a resume's lastSeq) is read from PostgreSQL first,
 * while newer live messages wait in {@code pending}. All methods run under the cursor's lock; the database
 * read completes asynchronously and re-enters through {@link #drain}.
 */
final class DeliveryCursor {
    private static final int PAGE = 500;

    private final String conversationId;
    /** (conversationId, afterSeq) -> next page of stored messages. */
    private final BiFunction<String, Long, Uni<List<SequencedMessage>>> history;
    private final Consumer<SequencedMessage> emit;
    private final ArrayDeque<SequencedMessage> pending = new ArrayDeque<>();
    private long lastSeq;
    private boolean filling;
    /**
     * Live messages wait while the client may still say where it is: a reconnecting client holds less than
     * the {@code lastSeq} its welcome listed, and a live message must not overtake the replay it asks for.
     */
    private boolean held;

    DeliveryCursor(String conversationId, long lastSeq,
            BiFunction<String, Long, Uni<List<SequencedMessage>>> history, Consumer<SequencedMessage> emit) {
        this.conversationId = conversationId;
        this.lastSeq = lastSeq;
        this.history = history;
        this.emit = emit;
    }

    /** Holds live messages until {@link #resumeFrom} or {@link #release}. */
    synchronized void hold() {
        held = true;
    }

    /** The client will not resume this conversation: deliver what is newer than {@code lastSeq}, in order. */
    synchronized void release() {
        if (held) {
            held = false;
            drain();
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** A live message. */
    synchronized void offer(SequencedMessage message) {
        pending.add(message);
        drain();
    }

    /** The client says it has everything up to {@code clientLastSeq}: replay the rest from storage. */
    synchronized void resumeFrom(long clientLastSeq) {
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
        history.apply(conversationId, from).subscribe().with(page -> {
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

    static int pageSize() {
        return PAGE;
    }
}
