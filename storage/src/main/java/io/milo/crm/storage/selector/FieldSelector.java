package io.milo.crm.storage.selector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FieldSelector is a parsed {@code fieldSelector}: equality terms on field paths that must all
 * hold, with the syntax, escapes, error messages, matching and canonical text of upstream's
 * {@code fields.ParseSelector} (k8s.io/apimachinery {@code pkg/fields/selector.go}). Which fields
 * a resource supports is the caller's knowledge: {@link #requireSupported(Set)} rejects the rest
 * with the API server's message. {@link SelectorSql} compiles it to SQL that selects the same
 * objects as {@link #matches(Map)}. Immutable.
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<FieldRequirement> requirements;

  private FieldSelector(List<FieldRequirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /**
   * Parses selector text such as {@code metadata.name=a,spec.email!=x\,y}; null, empty or blank
   * text selects everything. (Upstream rejects blank text as a term it cannot understand; a list
   * that asks for nothing in particular is taken at its word here.)
   *
   * @throws SelectorParseException with upstream's message when the text is not a valid selector
   */
  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<FieldRequirement> parsed = FieldSelectorParser.parse(text);
    return parsed.isEmpty() ? EVERYTHING : new FieldSelector(parsed);
  }

  /** The selector that matches every object. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** Whether this selector matches everything (it has no terms). */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The terms, in the order of their text (upstream sorts the terms before parsing them). */
  public List<FieldRequirement> requirements() {
    return requirements;
  }

  /** Whether an object with these field values satisfies every term; absent fields read as "". */
  public boolean matches(Map<String, String> fieldValues) {
    Map<String, String> present = fieldValues == null ? Map.of() : fieldValues;
    return requirements.stream().allMatch(r -> r.matches(present));
  }

  /**
   * Rejects a selector on a field the resource does not offer for selection, as the API server
   * does.
   *
   * @throws SelectorParseException {@code field label not supported: X} for the first such field
   */
  public void requireSupported(Set<String> supportedFields) {
    for (FieldRequirement requirement : requirements) {
      if (!supportedFields.contains(requirement.field())) {
        throw new SelectorParseException("field label not supported: " + requirement.field());
      }
    }
  }

  /** Upstream's canonical text: the terms joined by ',', values escaped; empty for everything. */
  @Override
  public String toString() {
    return requirements.stream().map(FieldRequirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelector that && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }
}
