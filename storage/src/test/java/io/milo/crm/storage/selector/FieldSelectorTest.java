package io.milo.crm.storage.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FieldSelectorTest holds the field selector to upstream's behaviour (k8s.io/apimachinery
 * pkg/fields/selector_test.go and the messages of selector.go): term splitting, escapes, sorting,
 * canonical text, matching with absent fields read as "", and the exact error text.
 */
class FieldSelectorTest {

  static Stream<Arguments> canonicalForms() {
    return Stream.of(
        // upstream TestSelectorParse good strings print back unchanged
        arguments("x=a,y=b,z=c", "x=a,y=b,z=c"),
        arguments("x!=a,y=b", "x!=a,y=b"),
        arguments("x=a||y\\=b", "x=a||y\\=b"),
        arguments("x=a\\=\\=b", "x=a\\=\\=b"),
        // terms are sorted by their text before parsing (upstream TestDeterministicParse)
        arguments("x=a,a=x", "a=x,x=a"),
        arguments("spec.b=1,spec.a!=2", "spec.a!=2,spec.b=1"),
        // '==' is '=' and prints as '='
        arguments("a==b", "a=b"),
        // the empty value is a value
        arguments("a=", "a="),
        arguments("a!=", "a!="),
        // an empty field with a value is kept (and later refused as unsupported)
        arguments("=x", "=x"),
        // empty terms are skipped
        arguments("a=b,", "a=b"),
        arguments(",a=b,,", "a=b"),
        // the field is not trimmed: spaces belong to the field and the value
        arguments("a = b", "a = b"),
        // escapes: \, \= \\ stand for the characters, and print escaped again
        arguments("a=b\\,c", "a=b\\,c"),
        arguments("k=\\,,k2=v2", "k2=v2,k=\\,"),
        arguments("k=\\\\,k2=v2", "k2=v2,k=\\\\"),
        arguments("k=\\\\\\,,k2=v2", "k2=v2,k=\\\\\\,"),
        // operators are found at their first occurrence: the value may hold '!' and escaped '='
        arguments("a=!b", "a=!b"),
        // multi-byte text is fine in fields and values, and sorts by UTF-8 bytes
        arguments("함=수,목=록", "목=록,함=수"),
        arguments("a=\uFF61,a=\uD83D\uDE00", "a=\uFF61,a=\uD83D\uDE00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonicalForms")
  void printsTheCanonicalForm(String text, String canonical) {
    FieldSelector selector = FieldSelector.parse(text);

    assertThat(selector).hasToString(canonical);
    assertThat(FieldSelector.parse(canonical)).isEqualTo(selector);
  }

  @Test
  void exposesUnescapedRequirementsInTextOrder() {
    // values are unescaped; both '=' and '==' are EQUALS; order is that of the sorted terms
    FieldSelector selector = FieldSelector.parse("spec.email==a\\,b\\=c\\\\,metadata.name!=x,metadata.namespace=");

    assertThat(selector.isEmpty()).isFalse();
    assertThat(selector.requirements()).containsExactly(
        new FieldRequirement("metadata.name", FieldOperator.NOT_EQUALS, "x"),
        new FieldRequirement("metadata.namespace", FieldOperator.EQUALS, ""),
        new FieldRequirement("spec.email", FieldOperator.EQUALS, "a,b=c\\"));
  }

  @Test
  void selectsEverythingWhenThereIsNothingToSelectOn() {
    // null, empty, blank, only commas, and terms with neither field nor value select everything
    for (String text : new String[] {null, "", "   ", ",,,", "=", "==", "!=", "=,!=,"}) {
      FieldSelector selector = FieldSelector.parse(text);
      assertThat(selector.isEmpty()).as(String.valueOf(text)).isTrue();
      assertThat(selector).hasToString("").isEqualTo(FieldSelector.everything());
      assertThat(selector.matches(Map.of("x", "y"))).isTrue();
      assertThat(selector.matches(null)).isTrue();
    }
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        // upstream TestSelectorParse bad strings
        arguments("x=a||y=b", "invalid field selector: unescaped character in value: 61"),
        arguments("x==a==b", "invalid field selector: unescaped character in value: 61"),
        arguments("x=a,b", "invalid selector: 'x=a,b'; can't understand 'b'"),
        arguments("x in (a)", "invalid selector: 'x in (a)'; can't understand 'x in (a)'"),
        arguments("x", "invalid selector: 'x'; can't understand 'x'"),
        // the first bad term in sorted order is reported
        arguments("x in (a,b,c)", "invalid selector: 'x in (a,b,c)'; can't understand 'b'"),
        arguments("c,a", "invalid selector: 'c,a'; can't understand 'a'"),
        // a '=' after the operator must be escaped
        arguments("a=b=c", "invalid field selector: unescaped character in value: 61"),
        arguments("a!=b=c", "invalid field selector: unescaped character in value: 61"),
        arguments("a===b", "invalid field selector: unescaped character in value: 61"),
        // only \\ \, \= are escapes (upstream TestEscapeValue invalid cases)
        arguments("a=\\a", "invalid field selector: invalid escape sequence: \\a"),
        arguments("a=\\\u00fc", "invalid field selector: invalid escape sequence: \\\u00fc"),
        arguments("a=\\", "invalid field selector: invalid escape sequence: \\"),
        arguments("a=\\\\\\", "invalid field selector: invalid escape sequence: \\"),
        arguments("k=\\a\\b\\", "invalid field selector: invalid escape sequence: \\a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void rejectsWithUpstreamMessage(String text, String message) {
    assertThatThrownBy(() -> FieldSelector.parse(text))
        .isInstanceOf(SelectorParseException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> matching() {
    Map<String, String> fieldset = Map.of("foo", "bar", "baz", "blah", "complex", "=value\\,\\");
    return Stream.of(
        // upstream TestSelectorMatches
        arguments("", Map.of("x", "y"), true),
        arguments("x=y", Map.of("x", "y"), true),
        arguments("x=y,z=w", Map.of("x", "y", "z", "w"), true),
        arguments("x!=y,z!=w", Map.of("x", "z", "z", "a"), true),
        arguments("notin=in", Map.of("notin", "in"), true),
        arguments("x=y", Map.of("x", "z"), false),
        arguments("x=y,z=w", Map.of("x", "w", "z", "w"), false),
        arguments("x!=y,z!=w", Map.of("x", "z", "z", "w"), false),
        arguments("foo=bar,baz=blah", fieldset, true),
        arguments("foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\", fieldset, true),
        arguments("foo=blah", fieldset, false),
        arguments("foo=bar,foobar=bar,baz=blah", fieldset, false),
        // a field the object does not have reads as ""
        arguments("a=", Map.of(), true),
        arguments("a=", Map.of("a", ""), true),
        arguments("a=", Map.of("a", "x"), false),
        arguments("a!=", Map.of(), false),
        arguments("a!=", Map.of("a", "x"), true),
        arguments("a=b", Map.of(), false),
        arguments("a!=b", Map.of(), true),
        arguments("a!=b", Map.of("a", "b"), false));
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("matching")
  void matchesAsUpstream(String text, Map<String, String> fields, boolean expected) {
    assertThat(FieldSelector.parse(text).matches(fields)).isEqualTo(expected);
  }

  @Test
  void refusesUnsupportedFieldsWithTheApiServersMessage() {
    Set<String> supported = Set.of("metadata.name", "spec.email");

    // every field supported
    assertThatCode(() -> FieldSelector.parse("metadata.name=a,spec.email!=b").requireSupported(supported))
        .doesNotThrowAnyException();
    // nothing selected, nothing to refuse
    assertThatCode(() -> FieldSelector.everything().requireSupported(Set.of())).doesNotThrowAnyException();
    // the first unsupported field in term order is named
    assertThatThrownBy(() -> FieldSelector.parse("spec.z=1,spec.y=2,metadata.name=a").requireSupported(supported))
        .isInstanceOf(SelectorParseException.class)
        .hasMessage("field label not supported: spec.y");
    // fields are compared as written, spaces included
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name =a").requireSupported(supported))
        .hasMessage("field label not supported: metadata.name ");
    // an empty field is a field like any other
    assertThatThrownBy(() -> FieldSelector.parse("=a").requireSupported(supported))
        .hasMessage("field label not supported: ");
  }
}
