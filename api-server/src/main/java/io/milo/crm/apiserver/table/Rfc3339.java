package io.milo.crm.apiserver.table;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rfc3339 reads a timestamp the way metav1.Time.UnmarshalQueryParameter does (Go's
 * {@code time.Parse(time.RFC3339, s)}): {@code 2006-01-02T15:04:05Z} or with an offset
 * {@code +07:00}, fractional seconds allowed; "" and "null" are the zero time.
 */
final class Rfc3339 {
  /** Go's zero time.Time, 0001-01-01T00:00:00Z: what an empty timestamp decodes to. */
  static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");
  private static final Pattern FORMAT = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?(?:Z|([+-])(\\d{2}):(\\d{2}))");

  private Rfc3339() {}

  /** The instant {@code text} names, {@link #ZERO} for "" and "null", or empty when it is not RFC 3339. */
  static Optional<Instant> parse(String text) {
    if (text.isEmpty() || text.equals("null")) {
      return Optional.of(ZERO);
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
      LocalTime time = LocalTime.of(number(m, 4), number(m, 5), number(m, 6), nanos(m.group(7)));
      ZoneOffset offset = ZoneOffset.UTC;
      if (m.group(8) != null) {
        int hours = number(m, 9);
        int minutes = number(m, 10);
        if (hours > 23 || minutes > 59) {
          return Optional.empty();
        }
        int sign = m.group(8).equals("-") ? -1 : 1;
        offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
      }
      return Optional.of(date.atTime(time).toInstant(offset));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  /** Go keeps nanoseconds and drops further digits. */
  private static int nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    String nine = (fraction + "000000000").substring(0, 9);
    return Integer.parseInt(nine);
  }
}
