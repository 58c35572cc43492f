package io.milo.crm.sync.provider;

/**
 * TokenBucket is a provider's global rate limit: {@code ratePerSecond} calls a second with bursts of
 * {@code burst}, and a pause until a time the provider named (a 429's {@code Retry-After}). It hands out
 * reservations: the caller waits the returned delay and then calls. Time is passed in, so it is pure.
 *
 * <p>Within any window of {@code w} seconds it hands out at most {@code burst + ratePerSecond * w} calls
 * ({@link #maxCallsIn}): keep that under the provider's documented per-second limit for {@code w = 1}.
 *
 * <p>A pause empties the bucket and moves the start of refilling to the pause's end, so the calls that
 * queue up during a pause leave it spaced by the rate instead of all at once (which would earn the next
 * 429 straight away).
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  /** Tokens at time {@code last}; negative when calls are already reserved beyond it. */
  private double tokens;
  /** When {@code tokens} was counted; in the future during a pause. */
  private long last;
  /** When the latest pause ends ({@link #pauseUntil}); in the past when there is none. */
  private long pauseEnd;

  public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
    this.pauseEnd = nowNanos;
  }

  /** The most calls a bucket of this rate and burst lets through in any window of that many seconds. */
  public static long maxCallsIn(double ratePerSecond, int burst, double windowSeconds) {
    return (long) Math.floor(burst + ratePerSecond * windowSeconds + 1e-9);
  }

  /**
   * How long (nanoseconds) from now a provider's pause still lasts, 0 when none: a call reserved before
   * the pause began checks this when its time comes and, if paused, reserves again.
   */
  public synchronized long pausedFor(long nowNanos) {
    return Math.max(0, pauseEnd - nowNanos);
  }

  /** Takes one token and returns how long (nanoseconds) the caller must wait before using it. */
  public synchronized long reserve(long nowNanos) {
    refill(nowNanos);
    tokens -= 1;
    long untilRefill = Math.max(0, last - nowNanos);
    return untilRefill + (tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano));
  }

  /** No call starts before {@code untilNanos} (a provider's Retry-After applies to the whole account). */
  public synchronized void pauseUntil(long untilNanos) {
    // Calls already reserved beyond the pause keep their place (tokens stays negative for them).
    if (untilNanos > last) {
      last = untilNanos;
    }
    if (untilNanos - pauseEnd > 0) {
      pauseEnd = untilNanos;
    }
    tokens = Math.min(tokens, 0);
  }

  private void refill(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
      last = nowNanos;
    }
  }
}
