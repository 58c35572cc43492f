package io.milo.crm.sync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void rememberedIdsAreSeenPerProviderUntilTheyExpire() {
    RecentDeliveries recent = new RecentDeliveries(10, Duration.ofMinutes(10));
    assertThat(recent.seen("loops", "msg_1", T0)).isFalse();
    recent.remember("loops", "msg_1", T0);
    assertThat(recent.seen("loops", "msg_1", T0.plusSeconds(599))).isTrue();
    assertThat(recent.seen("resend", "msg_1", T0)).as("another provider's id space").isFalse();
    assertThat(recent.seen("loops", "msg_1", T0.plusSeconds(601))).isFalse();
    assertThat(recent.size()).isZero();
  }

  @Test
  void theOldestAreForgottenBeyondCapacityAndRememberingAgainRefreshes() {
    RecentDeliveries recent = new RecentDeliveries(3, Duration.ofHours(1));
    recent.remember("loops", "a", T0);
    recent.remember("loops", "b", T0.plusSeconds(1));
    recent.remember("loops", "c", T0.plusSeconds(2));
    recent.remember("loops", "a", T0.plusSeconds(3)); // a is now the youngest
    recent.remember("loops", "d", T0.plusSeconds(4));
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.seen("loops", "b", T0.plusSeconds(5))).isFalse();
    assertThat(recent.seen("loops", "a", T0.plusSeconds(5))).isTrue();
    assertThat(recent.seen("loops", "c", T0.plusSeconds(5))).isTrue();
    assertThat(recent.seen("loops", "d", T0.plusSeconds(5))).isTrue();
    // a expires an hour after it was remembered again, not after the first time.
    assertThat(recent.seen("loops", "a", T0.plusSeconds(3602))).isTrue();
  }

  @Test
  void theDefaultTtlOutlivesTheSignatureTolerance() {
    assertThat(RecentDeliveries.DEFAULT_TTL).isGreaterThan(WebhookSignature.TOLERANCE.multipliedBy(2));
  }
}
