package io.milo.crm.sync.provider;

/**
 * TokenBucket is a provider's global rate limit: {@code ratePerSecond} calls a second with bursts of
 * {@code burst}, and a pause until a time the provider named (a 429's {@code Retry-After}). It hands out
 * reservations: the caller waits the returned delay and then calls. Time is passed in, so it is pure.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long last;
  private long pausedUntil;
  private boolean paused;

  public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token and returns how long (nanoseconds) the caller must wait before using it. */
  public synchronized long reserve(long nowNanos) {
    refill(nowNanos);
    tokens -= 1;
    long wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    return paused ? Math.max(wait, pausedUntil - nowNanos) : wait;
  }

  /** No call starts before {@code untilNanos} (a provider's Retry-After applies to the whole account). */
  public synchronized void pauseUntil(long untilNanos) {
    pausedUntil = paused ? Math.max(pausedUntil, untilNanos) : untilNanos;
    paused = true;
  }

  private void refill(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
      last = nowNanos;
    }
  }
}
