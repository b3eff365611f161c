package io.parley.gateway.session;

/** A token bucket per socket: {@code perSecond} sends or actions on average, bursts up to {@code burst}. */
public final class SendRateLimiter {
    private final double perSecond;
    private final int burst;
    private double tokens;
    private long tokensAt = System.nanoTime();

    public SendRateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    public synchronized boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - tokensAt) / 1e9 * perSecond);
        tokensAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
