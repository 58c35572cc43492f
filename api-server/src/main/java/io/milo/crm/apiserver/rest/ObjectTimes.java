package io.milo.crm.apiserver.rest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as metav1.Time writes them: RFC 3339 in UTC, whole seconds. */
final class ObjectTimes {
  private ObjectTimes() {}

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
