package io.milo.crm.apiserver.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MediaRanges picks the media type of an OpenAPI answer from the Accept header as kube-openapi's
 * handlers (pkg/handler for v2, pkg/handler3 for v3) do: no header means {@code *}{@code /*}; the
 * clauses are parsed and ordered by goautoneg's {@code ParseAccept} (higher q first, or less of a
 * wildcard first, ties in header order; malformed clauses dropped; nothing lower-cased); then the
 * first clause that matches any offered type, tried in the handler's order, decides. A clause matches
 * when its type equals the offered type or is {@code *}, and its subtype likewise; the quality only
 * orders, so even {@code q=0} selects.
 */
final class MediaRanges {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)");

  private record Clause(String type, String subType, double q) {}

  private MediaRanges() {}

  /**
   * The first of {@code offered} (e.g. {@code application/json}, in the handler's order) the header
   * selects, or empty when none is acceptable (406).
   */
  static Optional<String> choose(String accept, List<String> offered) {
    String header = accept == null || accept.isEmpty() ? "*/*" : accept;
    for (Clause clause : parse(header)) {
      for (String mediaType : offered) {
        int slash = mediaType.indexOf('/');
        String type = mediaType.substring(0, slash);
        String subType = mediaType.substring(slash + 1);
        if ((clause.type().equals(type) || clause.type().equals("*"))
            && (clause.subType().equals(subType) || clause.subType().equals("*"))) {
          return Optional.of(mediaType);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Clause> parse(String header) {
    List<Clause> clauses = new ArrayList<>();
    for (String part : header.split(",", -1)) {
      Clause clause = clause(trimSpaces(part));
      if (clause != null) {
        clauses.add(clause);
      }
    }
    // goautoneg's comparison is not a strict order; Go's insertion sort for short slices keeps ties in place.
    for (int i = 1; i < clauses.size(); i++) {
      for (int j = i; j > 0 && before(clauses.get(j), clauses.get(j - 1)); j--) {
        clauses.set(j, clauses.set(j - 1, clauses.get(j)));
      }
    }
    return clauses;
  }

  private static Clause clause(String part) {
    String[] params = part.split(";", -1);
    String[] range = params[0].split("/", -1);
    String type = trimSpaces(range[0]);
    String subType;
    if (range.length == 1 && type.equals("*")) {
      subType = "*";
    } else if (range.length == 2) {
      subType = trimSpaces(range[1]);
    } else {
      return null;
    }
    double q = 1;
    for (int i = 1; i < params.length; i++) {
      int equals = params[i].indexOf('=');
      if (equals >= 0 && trimSpaces(params[i].substring(0, equals)).equals("q")) {
        q = quality(params[i].substring(equals + 1));
      }
    }
    return new Clause(type, subType, q);
  }

  /** Go's {@code strconv.ParseFloat(s, 32)} as goautoneg uses it, untrimmed: 0 when it is not a number. */
  private static double quality(String text) {
    if (DECIMAL.matcher(text).matches()) {
      return Float.parseFloat(text);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (SPECIAL.matcher(lower).matches()) {
      return lower.endsWith("nan") ? Double.NaN : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return 0;
  }

  private static boolean before(Clause a, Clause b) {
    return a.q() > b.q()
        || (!a.type().equals("*") && b.type().equals("*"))
        || (!a.subType().equals("*") && b.subType().equals("*"));
  }

  /** goautoneg trims only spaces. */
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
