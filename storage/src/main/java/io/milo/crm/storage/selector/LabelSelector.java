package io.milo.crm.storage.selector;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LabelSelector is a parsed {@code labelSelector}: requirements that must all hold, with the
 * syntax, validation, error messages, matching and canonical text of upstream's
 * {@code labels.Parse} (k8s.io/apimachinery {@code pkg/labels/selector.go}), so clients see the
 * behaviour of a Kubernetes API server. {@link SelectorSql} compiles it to SQL that selects the
 * same objects as {@link #matches(Map)}. Immutable.
 */
public final class LabelSelector {
  private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private final List<LabelRequirement> requirements;

  private LabelSelector(List<LabelRequirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /**
   * Parses selector text such as {@code app=web,tier in (a,b),!legacy}; null, empty or blank text
   * (spaces, tabs, CR, LF) selects everything.
   *
   * @throws SelectorParseException with upstream's message when the text is not a valid selector
   */
  public static LabelSelector parse(String text) {
    if (text == null) {
      return EVERYTHING;
    }
    List<LabelRequirement> parsed = LabelParser.parse(text);
    return parsed.isEmpty() ? EVERYTHING : new LabelSelector(parsed);
  }

  /** The selector that matches every object. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** Whether this selector matches everything (it has no requirements). */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The requirements, sorted by key. */
  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /** Whether an object with these labels (null: none) satisfies every requirement. */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> present = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(r -> r.matches(present));
  }

  /** Upstream's canonical text: the requirements' texts joined by ','; empty for everything. */
  @Override
  public String toString() {
    return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }
}
