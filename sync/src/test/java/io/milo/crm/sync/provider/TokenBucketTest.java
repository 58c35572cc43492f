package io.milo.crm.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(bucket.reserve(SECOND)).isEqualTo(2 * SECOND);
    assertThat(bucket.reserve(4 * SECOND)).isZero();
  }
}
