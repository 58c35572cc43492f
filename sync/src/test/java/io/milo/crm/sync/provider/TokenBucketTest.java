package io.milo.crm.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void burstsThenSpacesCallsAtTheRate() {
    TokenBucket bucket = new TokenBucket(2, 2, 0);
    assertThat(bucket.reserve(0)).isZero();
    assertThat(bucket.reserve(0)).isZero();
    assertThat(bucket.reserve(0)).isEqualTo(SECOND / 2);
    assertThat(bucket.reserve(0)).isEqualTo(SECOND);
    assertThat(bucket.reserve(10 * SECOND)).isZero(); // refilled
  }

  @Test
  void aRetryAfterPausesEveryCall() {
    TokenBucket bucket = new TokenBucket(100, 10, 0);
    bucket.pauseUntil(3 * SECOND);
    assertThat(SECOND + bucket.reserve(SECOND)).isGreaterThanOrEqualTo(3 * SECOND);
    assertThat(bucket.reserve(4 * SECOND)).isZero();
  }

  @Test
  void callsQueuedDuringAPauseLeaveItSpacedByTheRate() {
    TokenBucket bucket = new TokenBucket(10, 10, 0); // a full burst available before the 429
    bucket.pauseUntil(2 * SECOND);
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long now = SECOND + i * 1_000_000L; // reserved during the pause, 1ms apart
      starts.add(now + bucket.reserve(now));
    }
    assertThat(starts.get(0)).isGreaterThanOrEqualTo(2 * SECOND);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).as("gap %d", i).isGreaterThanOrEqualTo(SECOND / 10 - 1);
    }
  }

  @Test
  void aShorterPauseDoesNotShortenALongerOne() {
    TokenBucket bucket = new TokenBucket(100, 10, 0);
    bucket.pauseUntil(5 * SECOND);
    bucket.pauseUntil(2 * SECOND);
    assertThat(bucket.reserve(SECOND)).isGreaterThanOrEqualTo(4 * SECOND);
  }

  @Test
  void theDefaultsNeverPutMoreCallsInAnySecondThanTheProviderDocuments() {
    for (Provider provider : Provider.values()) {
      ProviderLimits limits = ProviderLimits.defaults(provider);
      assertThat(limits.exceedsDocumentedLimit(provider)).as(provider.displayName()).isFalse();
      // Simulated: callers always waiting, every call at its token's time; count the busiest 1 s window.
      TokenBucket bucket = new TokenBucket(limits.ratePerSecond(), limits.burst(), 0);
      List<Long> starts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        starts.add(bucket.reserve(0));
      }
      long busiest = 0;
      for (int i = 0; i < starts.size(); i++) {
        long from = starts.get(i);
        busiest = Math.max(busiest, starts.stream().filter(t -> t >= from && t < from + SECOND).count());
      }
      assertThat(busiest).as(provider.displayName() + " calls in the busiest second")
          .isLessThanOrEqualTo(ProviderLimits.documentedPerSecond(provider));
    }
    // What the old hard-coded bursts allowed: over the limit.
    assertThat(new ProviderLimits(1.8, 2, 4, java.time.Duration.ofSeconds(1), false)
        .exceedsDocumentedLimit(Provider.RESEND)).isTrue();
    assertThat(new ProviderLimits(9, 5, 4, java.time.Duration.ofSeconds(1), false)
        .exceedsDocumentedLimit(Provider.LOOPS)).isTrue();
    assertThat(TokenBucket.maxCallsIn(1.8, 1, 1)).isEqualTo(2);
    assertThat(TokenBucket.maxCallsIn(9, 2, 1)).isEqualTo(11);
  }

  @Test
  void aPauseIsVisibleToCallsReservedBeforeIt() {
    TokenBucket bucket = new TokenBucket(2, 1, 0);
    long t = bucket.reserve(0);
    long u = bucket.reserve(0); // waits half a second for its token
    assertThat(u).isEqualTo(SECOND / 2);
    bucket.pauseUntil(3 * SECOND); // a 429 arrives meanwhile
    assertThat(bucket.pausedFor(SECOND / 2)).as("at the reserved time").isEqualTo(3 * SECOND - SECOND / 2);
    assertThat(SECOND / 2 + bucket.reserve(SECOND / 2)).as("reserved again").isGreaterThanOrEqualTo(3 * SECOND);
    assertThat(bucket.pausedFor(3 * SECOND)).isZero();
    assertThat(t).isZero();
  }
}
