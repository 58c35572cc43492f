package io.milo.crm.storage.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * FieldSelectorParser is upstream's {@code fields.ParseSelector}: the text is split at commas not
 * escaped by a backslash, the terms are sorted, and each is split at its first {@code !=},
 * {@code ==} or {@code =} into a field (taken literally, spaces included) and an escaped value.
 * Empty terms, and terms whose field and value are both empty, select nothing and are dropped.
 */
final class FieldSelectorParser {
  private static final List<String> OPERATORS = List.of("!=", "==", "=");

  private FieldSelectorParser() {}

  static List<FieldRequirement> parse(String text) {
    List<String> terms = splitTerms(text);
    terms.sort(GoStrings::compare);
    List<FieldRequirement> requirements = new ArrayList<>();
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      FieldRequirement requirement = parseTerm(text, term);
      if (!requirement.field().isEmpty() || !requirement.value().isEmpty()) {
        requirements.add(requirement);
      }
    }
    return requirements;
  }

  /** The comma-separated terms, escapes kept; an escaped comma stays inside its term. */
  private static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(text.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(text.substring(start));
    return terms;
  }

  private static FieldRequirement parseTerm(String text, String term) {
    for (int i = 0; i < term.length(); i++) {
      for (String operator : OPERATORS) {
        if (term.startsWith(operator, i)) {
          String value = FieldValueEscaping.unescape(term.substring(i + operator.length()));
          FieldOperator op = operator.equals("!=") ? FieldOperator.NOT_EQUALS : FieldOperator.EQUALS;
          return new FieldRequirement(term.substring(0, i), op, value);
        }
      }
    }
    throw new SelectorParseException("invalid selector: '" + text + "'; can't understand '" + term + "'");
  }
}
