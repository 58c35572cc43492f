package io.milo.crm.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  static final Backoff POLICY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2, 0.2);

  @ParameterizedTest
  @CsvSource({
      // failures, random, expected millis
      "1, 0.5, 100",      // no jitter at the middle
      "2, 0.5, 200",
      "4, 0.5, 800",
      "4, 0.0, 640",      // -20%
      "4, 0.999999, 960", // almost +20%
      "20, 0.5, 10000",   // capped
      "20, 0.999999, 10000"})
  void growsExponentiallyWithJitterUpToTheCap(int failures, double random, long expected) {
    assertThat(POLICY.delay(failures, random)).isEqualTo(Duration.ofMillis(expected));
  }
}
