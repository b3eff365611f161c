package io.parley.bot.service;

import java.util.ArrayList;
import java.util.List;

import io.parley.bot.domain.Turn;

/** What the bot remembers of one conversation: recent turns, the negative streak and the tokens used. */
public final class ConversationState {

    static final int KEEP_TURNS = 20;

    private final List<Turn> turns = new ArrayList<>();
    private int negativeStreak;
    private int tokensUsed;
    private boolean handedOff;
    private long lastTouched = System.currentTimeMillis();

    public synchronized List<Turn> turns() {
        return List.copyOf(turns);
    }

    public synchronized void add(Turn turn) {
        turns.add(turn);
        if (turns.size() > KEEP_TURNS) {
            turns.remove(0);
        }
        lastTouched = System.currentTimeMillis();
    }

    public synchronized int negativeStreak() {
        return negativeStreak;
    }

    synchronized int recordSentiment(boolean negative) {
        negativeStreak = negative ? negativeStreak + 1 : 0;
        return negativeStreak;
    }

    public synchronized int tokensUsed() {
        return tokensUsed;
    }

    synchronized void addTokens(int tokens) {
        tokensUsed += tokens;
    }

    public synchronized boolean handedOff() {
        return handedOff;
    }

    synchronized void markHandedOff() {
        handedOff = true;
        negativeStreak = 0;
    }

    synchronized long lastTouched() {
        return lastTouched;
    }
}
