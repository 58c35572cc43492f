package io.milo.crm.apiserver.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GoDurations reads the Go duration strings clients send in {@code ?timeout=} ("30s", "1m30s", "500ms"). */
final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDurations() {}

  /** Milliseconds, or -1 when the text is not a duration (the request then gets the default). */
  static long parseMillis(String text) {
    Matcher matcher = PART.matcher(text);
    double total = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        return -1;
      }
      end = matcher.end();
      double value = Double.parseDouble(matcher.group(1));
      total += switch (matcher.group(2)) {
        case "ns" -> value / 1_000_000;
        case "us", "µs" -> value / 1_000;
        case "ms" -> value;
        case "s" -> value * 1_000;
        case "m" -> value * 60_000;
        default -> value * 3_600_000;
      };
    }
    return end == text.length() && end > 0 ? (long) total : -1;
  }
}
