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
}
