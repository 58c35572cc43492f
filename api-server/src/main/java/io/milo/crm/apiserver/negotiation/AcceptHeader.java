package io.milo.crm.apiserver.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AcceptHeader parses an Accept header exactly as goautoneg's {@code ParseAccept} does for the
 * kube-apiserver (k8s.io/apiserver pkg/endpoints/handlers/negotiation/negotiate.go calls it): clauses split
 * on commas, malformed ones dropped, then ordered by goautoneg's comparison, which is not a strict
 * ordering: a clause goes before another when its q is higher, <em>or</em> when it is less of a wildcard,
 * whatever the q values. Go sorts the few clauses real clients send (up to 12) by insertion, which keeps
 * ties in header order; this class does the same for any length.
 */
public final class AcceptHeader {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");

  private AcceptHeader() {}

  /** The clauses of header, most preferred first. */
  public static List<MediaRange> parse(String header) {
    List<MediaRange> ranges = new ArrayList<>();
    String remaining = header;
    while (!remaining.isEmpty()) {
      String[] split = cut(remaining, ',');
      remaining = split[1];
      MediaRange range = clause(trimSpaces(split[0]));
      if (range != null) {
        ranges.add(range);
      }
    }
    insertionSort(ranges);
    return ranges;
  }

  private static MediaRange clause(String part) {
    String[] typeAndParams = cut(part, ';');
    String[] typeAndSub = cut(typeAndParams[0], '/');
    String type = trimSpaces(typeAndSub[0]);
    String subType;
    if (typeAndSub[1].isEmpty()) {
      if (!type.equals("*")) {
        return null;
      }
      subType = "*";
    } else {
      String[] sub = cut(typeAndSub[1], '/');
      if (!sub[1].isEmpty()) {
        return null;
      }
      subType = trimSpaces(sub[0]);
    }
    double q = 1.0;
    Map<String, String> params = new LinkedHashMap<>();
    String rest = typeAndParams[1];
    while (!rest.isEmpty()) {
      String[] param = cut(rest, ';');
      rest = param[1];
      String[] keyValue = cut(param[0], '=');
      if (keyValue[1].isEmpty()) {
        continue;
      }
      String[] value = cut(keyValue[1], '=');
      if (!value[1].isEmpty()) {
        continue;
      }
      String key = trimSpaces(keyValue[0]);
      if (key.equals("q")) {
        q = quality(value[0]);
      } else {
        params.put(key, trimSpaces(value[0]));
      }
    }
    return new MediaRange(type, subType, q, params);
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 32)} as goautoneg uses it: the value rounded to a float, 0 when it is
   * not a number (the error is ignored), the text not trimmed.
   */
  static double quality(String text) {
    if (DECIMAL.matcher(text).matches()) {
      return Float.parseFloat(text);
    }
    if (SPECIAL.matcher(text).matches()) {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith("nan")) {
        return Double.NaN;
      }
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return 0;
  }

  private static boolean less(MediaRange a, MediaRange b) {
    return a.q() > b.q()
        || (!a.type().equals("*") && b.type().equals("*"))
        || (!a.subType().equals("*") && b.subType().equals("*"));
  }

  private static void insertionSort(List<MediaRange> ranges) {
    for (int i = 1; i < ranges.size(); i++) {
      for (int j = i; j > 0 && less(ranges.get(j), ranges.get(j - 1)); j--) {
        ranges.set(j, ranges.set(j - 1, ranges.get(j)));
      }
    }
  }

  /** Text before the first separator and text after it (empty when there is none), as goautoneg splits. */
  private static String[] cut(String text, char separator) {
    int index = text.indexOf(separator);
    return index < 0 ? new String[] {text, ""} : new String[] {text.substring(0, index), text.substring(index + 1)};
  }

  /** goautoneg trims only the space character, not tabs. */
  private static String trimSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(start, end);
  }
}
