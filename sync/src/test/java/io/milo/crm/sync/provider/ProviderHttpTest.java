package io.milo.crm.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {
  static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void retryAfterInSeconds() {
    assertThat(ProviderHttp.retryAfter("3", NOW)).isEqualTo(Duration.ofSeconds(3));
    assertThat(ProviderHttp.retryAfter(" 0.5 ", NOW)).isEqualTo(Duration.ofMillis(500));
    assertThat(ProviderHttp.retryAfter(null, NOW)).isNull();
    assertThat(ProviderHttp.retryAfter("", NOW)).isNull();
  }

  @Test
  void retryAfterAsAnHttpDate() {
    assertThat(ProviderHttp.retryAfter("Wed, 21 Oct 2026 07:28:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(ProviderHttp.retryAfter("Wed, 21 Oct 2026 07:30:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(ProviderHttp.retryAfter("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).as("in the past").isZero();
    assertThat(ProviderHttp.retryAfter("soon", NOW)).isEqualTo(Duration.ofSeconds(1));
  }
}
