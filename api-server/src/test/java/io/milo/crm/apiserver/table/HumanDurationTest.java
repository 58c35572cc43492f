package io.milo.crm.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ages as duration.HumanDuration and ConvertToHumanReadableDateType print them. */
class HumanDurationTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // up to a second in the future is "now"
      "-PT1.9S, 0s",
      "-PT2S, <invalid>",
      "PT0S, 0s",
      "PT1M59S, 119s",
      "PT2M, 2m",
      "PT2M30S, 2m30s",
      "PT9M59S, 9m59s",
      "PT10M, 10m",
      "PT2H59M, 179m",
      "PT3H, 3h",
      "PT3H5M, 3h5m",
      "PT7H59M, 7h59m",
      "PT8H, 8h",
      "PT47H59M, 47h",
      "PT48H, 2d",
      "PT53H, 2d5h",
      "P7DT23H, 7d23h",
      "P8D, 8d",
      "P729D, 729d",
      "P730D, 2y",
      "P731D, 2y1d",
      "P2919D, 7y364d",
      "P2920D, 8y",
      "P36500D, 100y"})
  void printsAges(Duration age, String expected) {
    assertThat(HumanDuration.since(NOW.minus(age), NOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "2026-11-22T11:59:15Z|45s",
      "2026-11-22T13:59:15+02:00|45s",
      "2026-11-22T06:59:14.123456-05:00|45s",
      "2026-11-22T11:59:15,5Z|44s",
      "2026-11-20T09:30:00Z|2d2h",
      // Go's zero time and empty values are unknown
      "0001-01-01T00:00:00Z|<unknown>",
      "''|<unknown>",
      "null|<unknown>",
      // not RFC 3339: no offset, lower-case t, a date alone, hour 24, offset hour 24
      "2026-11-22T11:59:15|<invalid>",
      "2026-11-22t11:59:15Z|<invalid>",
      "2026-11-22|<invalid>",
      "2026-11-22T24:00:00Z|<invalid>",
      "2026-11-22T11:59:15+24:00|<invalid>",
      "2026-02-30T00:00:00Z|<invalid>",
      // the future
      "2026-12-01T00:00:00Z|<invalid>",
      // Go's Duration saturates at about 292 years
      "0001-01-01T00:00:01Z|292y"})
  void printsDateCells(String timestamp, String expected) {
    assertThat(Cells.age(timestamp, NOW)).isEqualTo(expected);
  }
}
