package io.milo.crm.apiserver.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StringFormats are the {@code format} values a CRD schema may use and how kube-openapi's strfmt
 * checks them. apiextensions-apiserver (validation/formats.go) strips every other format before
 * validating, so {@code format: int64} constrains nothing; of the supported ones only those the
 * declared kinds use are checked here (date-time and date), and a schema using another supported
 * format is refused at load rather than left unchecked.
 */
final class StringFormats {
  /** The formats a 1.33 CRD keeps, in go-openapi's normalised form (dashes removed). */
  private static final Set<String> SUPPORTED = Set.of("bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6",
      "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor",
      "rgbcolor", "byte", "password", "date", "duration", "datetime");
  private static final Set<String> CHECKED = Set.of("datetime", "date", "password");
  /** strfmt.DateTimePattern, applied to the part after the first 't'. */
  private static final Pattern TIME = Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
  private static final DateTimeFormatter FULL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private StringFormats() {}

  /** The format as validation sees it: null when the CRD would strip it. */
  static String supportedOrNull(String format, String where) {
    if (format == null) {
      return null;
    }
    String normalized = normalize(format);
    if (!SUPPORTED.contains(normalized)) {
      return null;
    }
    if (!CHECKED.contains(normalized)) {
      throw new IllegalArgumentException(where + ": format " + format + " is supported by CRDs but not checked here");
    }
    return format;
  }

  /** Whether strfmt's registry knows the format (every format kept by {@link #supportedOrNull} is known). */
  static boolean isKnown(String format) {
    return SUPPORTED.contains(normalize(format));
  }

  /** Whether {@code value} is valid for {@code format}. */
  static boolean isValid(String format, String value) {
    return switch (normalize(format)) {
      case "datetime" -> isDateTime(value);
      case "date" -> isDate(value);
      default -> true;
    };
  }

  /**
   * strfmt.IsDateTime: lower-cased and split on 't', a full date, then a time matching DateTimePattern
   * whose hour, minute and second compare as strings to at most 23, 59 and 59.
   */
  static boolean isDateTime(String value) {
    if (value.length() < 4) {
      return false;
    }
    String[] parts = value.toLowerCase(Locale.ROOT).split("t", -1);
    if (parts.length < 2 || !isDate(parts[0])) {
      return false;
    }
    Matcher time = TIME.matcher(parts[1]);
    if (!time.find()) {
      return false;
    }
    return time.group(1).compareTo("23") <= 0 && time.group(2).compareTo("59") <= 0 && time.group(3).compareTo("59") <= 0;
  }

  /** time.Parse("2006-01-02", value) succeeding: four-digit year, two-digit month and a day that month has. */
  static boolean isDate(String value) {
    if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      return false;
    }
    try {
      LocalDate.parse(value, FULL_DATE);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static String normalize(String format) {
    return format.replace("-", "");
  }
}
