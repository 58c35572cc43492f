package io.milo.crm.apiserver.table;

import java.time.Duration;
import java.time.Instant;

/**
 * HumanDuration prints how long ago something happened the way {@code kubectl get} shows AGE: the
 * kube-apiserver's ConvertToHumanReadableDateType (k8s.io/apimachinery pkg/api/meta/table) over
 * duration.HumanDuration (pkg/util/duration): {@code 45s}, {@code 3m20s}, {@code 4h5m}, {@code 3d4h},
 * {@code 400d}, {@code 2y30d}, {@code 9y}; {@code <invalid>} for more than a second in the future.
 */
public final class HumanDuration {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private HumanDuration() {}

  /** The age of something that happened at {@code then}, seen at {@code now}. */
  public static String since(Instant then, Instant now) {
    return format(saturatedNanos(Duration.between(then, now)));
  }

  /** duration.HumanDuration of a Go time.Duration in nanoseconds. */
  static String format(long nanos) {
    long seconds = nanos / SECOND; // Go: int(d.Seconds()), truncated toward zero
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = nanos / MINUTE;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = nanos / HOUR;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** Go's Time.Sub saturates at the range of time.Duration (about 292 years). */
  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
