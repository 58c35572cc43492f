package io.milo.crm.storage.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LabelSelectorTest holds the label selector to upstream's behaviour (k8s.io/apimachinery
 * pkg/labels/selector_test.go and the messages of selector.go and validation): what parses, its
 * canonical text, what matches, and the exact error text for what does not parse.
 */
class LabelSelectorTest {
  private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must "
      + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
      + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
      + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String NOT_AN_INTEGER = "for 'Gt', 'Lt' operators, the value must be an integer";
  private static final String OPERATORS = "in, notin, =, ==, !=, gt, lt";
  private static final String REQ = "unable to parse requirement: ";

  static Stream<Arguments> canonicalForms() {
    return Stream.of(
        // upstream TestSelectorParse good strings: the canonical text is the input without spaces
        arguments("x=a,y=b,z=c", "x=a,y=b,z=c"),
        arguments("x!=a,y=b", "x!=a,y=b"),
        arguments("x=", "x="),
        arguments("x= ", "x="),
        arguments("x=,z= ", "x=,z="),
        arguments("x= ,z= ", "x=,z="),
        arguments("!x", "!x"),
        arguments("x>1", "x>1"),
        arguments("x>1,z<5", "x>1,z<5"),
        // '==' is kept apart from '=' so it prints back as written
        arguments("x==a", "x==a"),
        // requirements are sorted by key, so the parse is deterministic
        arguments("x=a,a=x", "a=x,x=a"),
        // requirements on the same key keep their written order
        arguments("x notin (b),x in (a)", "x notin (b),x in (a)"),
        // whitespace is space, tab, CR and LF, anywhere between tokens
        arguments("\rx", "x"),
        arguments("a ", "a"),
        arguments("foo  in\t (abc)", "foo in (abc)"),
        arguments("x notin\n (abc)", "x notin (abc)"),
        arguments("x  notin\t\t(abc,def)", "x notin (abc,def)"),
        arguments(" x = a , y != b ", "x=a,y!=b"),
        // keys with a DNS subdomain prefix
        arguments("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        arguments("this-is-another-dns.domain.com/key-with-dash in (so,what)",
            "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
        arguments("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
            "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        // value sets are sets: sorted, duplicates dropped, empty entries are the empty value
        arguments("x in (def,abc)", "x in (abc,def)"),
        arguments("x in (abc,)", "x in (,abc)"),
        arguments("x in (abc,abc)", "x in (abc)"),
        arguments("x in ()", "x in ()"),
        arguments("x notin ( )", "x notin ()"),
        arguments("x notin (, a)", "x notin (,a)"),
        arguments("x in (a,,)", "x in (,a)"),
        arguments("x in (a,,,)", "x in (,a)"),
        arguments("x in (a,,,,,,)", "x in (,a)"),
        arguments("x in (a,,a,,a,,a,,)", "x in (,a)"),
        arguments("x in (,,b)", "x in (,b)"),
        arguments("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
        // 'in' and 'notin' are identifiers wherever a key or value may stand
        arguments("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
        arguments("notin=in", "notin=in"),
        arguments("in", "in"),
        arguments("x=notin", "x=notin"),
        // '>'/'<' take any int64 that is a valid label value, leading zeros included
        arguments("x>007", "x>007"),
        arguments("x<9223372036854775807", "x<9223372036854775807"),
        // a NUL inside a token ends the token (upstream's lexer reads NUL as end of input)
        arguments("x\u0000,y=z", "x,y=z"),
        // a NUL where a token starts ends the selector
        arguments("x=a \u0000,y", "x=a"),
        // a NUL right after an operator is read as part of scanning it, and skipped
        arguments("x,\u0000y", "x,y"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonicalForms")
  void printsTheCanonicalForm(String text, String canonical) {
    LabelSelector selector = LabelSelector.parse(text);

    assertThat(selector).hasToString(canonical);
    assertThat(LabelSelector.parse(canonical)).isEqualTo(selector);
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        // upstream TestSelectorParse bad strings: '|' is not special, so "a||y" is one (invalid) value
        arguments("x=a||y=b", REQ + "values[0][x]: Invalid value: \"a||y\": " + VALUE_RULE),
        arguments("x==a==b", "found '==', expected: ',' or 'end of string'"),
        // '!' takes no operator: the requirement ends after the key
        arguments("!x=a", "found '=', expected: ',' or 'end of string'"),
        arguments("x<a", REQ + "values[0]: Invalid value: \"a\": " + NOT_AN_INTEGER),
        // upstream TestSetSelectorParser invalid inputs
        arguments("x,,y", "found ',', expected: identifier after ','"),
        arguments(",x,y", "found ',', expected: !, identifier, or 'end of string'"),
        arguments("x nott in (y)", REQ + "found 'nott', expected: " + OPERATORS),
        arguments("a in (xyz),", "found '', expected: identifier after ','"),
        arguments("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"),
        arguments("a in (xyz abc)", REQ + "found 'abc', expected: ',' or ')'"),
        arguments("a notin(", REQ + "found '', expected: ',', ')' or identifier"),
        arguments("a (", REQ + "found '(', expected: " + OPERATORS),
        arguments("(", "found '(', expected: !, identifier, or 'end of string'"),
        // a lone '!' has no key
        arguments("!", REQ + "found '', expected: identifier"),
        arguments("!(x)", REQ + "found '(', expected: identifier"),
        // a set operator needs a parenthesised list
        arguments("x in", REQ + "found '' expected: '('"),
        arguments("x in a", REQ + "found 'a' expected: '('"),
        arguments("x in (a", REQ + "found '', expected: ',' or ')'"),
        arguments("x in (a=)", REQ + "found '=', expected: ',' or ')'"),
        arguments("x in (=)", REQ + "found '=', expected: ',', ')' or identifier"),
        arguments("x in (,=)", REQ + "found '=', expected: ',', or identifier"),
        // an exact-match operator takes one identifier
        arguments("x=(a)", REQ + "found '(', expected: identifier"),
        arguments("x=a b", "found 'b', expected: ',' or 'end of string'"),
        arguments("x=a\u0000b", "found 'b', expected: ',' or 'end of string'"),
        arguments("x, \u0000y", "found '', expected: identifier after ','"),
        // keys: at most one '/', a DNS subdomain prefix, a name of at most 63 bytes
        arguments("x/y/z", REQ + "<nil>: Invalid value: \"x/y/z\": a valid label key " + NAME_RULE
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        arguments("Example.com/x", REQ + "<nil>: Invalid value: \"Example.com/x\": prefix part " + SUBDOMAIN_RULE),
        arguments("/x", REQ + "<nil>: Invalid value: \"/x\": prefix part must be non-empty"),
        arguments("x/", REQ + "<nil>: Invalid value: \"x/\": name part must be non-empty; name part " + NAME_RULE),
        arguments("-x", REQ + "<nil>: Invalid value: \"-x\": name part " + NAME_RULE),
        arguments("!x_=a", REQ + "<nil>: Invalid value: \"x_\": name part " + NAME_RULE),
        arguments("a".repeat(64), REQ + "<nil>: Invalid value: \"" + "a".repeat(64)
            + "\": name part must be no more than 63 bytes"),
        arguments("a".repeat(254) + "/x", REQ + "<nil>: Invalid value: \"" + "a".repeat(254)
            + "/x\": prefix part must be no more than 253 bytes"),
        // keys are quoted as Go's %q does: printable runes kept, control characters escaped
        arguments("ключ", REQ + "<nil>: Invalid value: \"ключ\": name part " + NAME_RULE),
        arguments("a\u0001\"b", REQ + "<nil>: Invalid value: \"a\\x01\\\"b\": name part " + NAME_RULE),
        // values: at most 63 bytes of the name alphabet, or empty
        arguments("x=" + "a".repeat(64), REQ + "values[0][x]: Invalid value: \"" + "a".repeat(64)
            + "\": must be no more than 63 bytes"),
        arguments("x in (b,-a)", REQ + "values[0][x]: Invalid value: \"-a\": " + VALUE_RULE),
        arguments("x in (a,b_)", REQ + "values[1][x]: Invalid value: \"b_\": " + VALUE_RULE),
        // '>'/'<': the operand must be an int64 and also a valid label value, so no sign
        arguments("x>-1", REQ + "values[0][x]: Invalid value: \"-1\": " + VALUE_RULE),
        arguments("x>1.5", REQ + "values[0]: Invalid value: \"1.5\": " + NOT_AN_INTEGER),
        arguments("x>99999999999999999999", REQ + "values[0]: Invalid value: \"99999999999999999999\": "
            + NOT_AN_INTEGER),
        arguments("x>", REQ + "values[0]: Invalid value: \"\": " + NOT_AN_INTEGER),
        // several problems in one requirement are listed together, as upstream's aggregate error
        arguments("x>a_", REQ + "[values[0]: Invalid value: \"a_\": " + NOT_AN_INTEGER
            + ", values[0][x]: Invalid value: \"a_\": " + VALUE_RULE + "]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void rejectsWithUpstreamMessage(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(SelectorParseException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        // upstream TestSelectorMatches
        arguments("", Map.of("x", "y"), true),
        arguments("x=y", Map.of("x", "y"), true),
        arguments("x=y,z=w", Map.of("x", "y", "z", "w"), true),
        arguments("x!=y,z!=w", Map.of("x", "z", "z", "a"), true),
        arguments("notin=in", Map.of("notin", "in"), true),
        arguments("x", Map.of("x", "z"), true),
        arguments("!x", Map.of("y", "z"), true),
        arguments("x>1", Map.of("x", "2"), true),
        arguments("x<1", Map.of("x", "0"), true),
        arguments("x=z", Map.of(), false),
        arguments("x=y", Map.of("x", "z"), false),
        arguments("x=y,z=w", Map.of("x", "w", "z", "w"), false),
        arguments("x!=y,z!=w", Map.of("x", "z", "z", "w"), false),
        arguments("x", Map.of("y", "z"), false),
        arguments("!x", Map.of("x", "z"), false),
        arguments("x>1", Map.of("x", "0"), false),
        arguments("x<1", Map.of("x", "2"), false),
        arguments("foo=bar,foobar=bar,baz=blah", Map.of("foo", "bar", "baz", "blah"), false),
        // the empty value is a value: '=' with nothing after it needs the key present and empty
        arguments("x=", Map.of("x", ""), true),
        arguments("x=", Map.of(), false),
        arguments("x in ()", Map.of("x", ""), true),
        arguments("x", Map.of("x", ""), true),
        arguments("!x", Map.of("x", ""), false),
        // '!=' and 'notin' hold for objects without the key
        arguments("x!=y", Map.of(), true),
        arguments("x notin (a,b)", Map.of(), true),
        arguments("x notin (a,b)", Map.of("x", "a"), false),
        arguments("x notin (a,b)", Map.of("x", "c"), true),
        arguments("x notin ()", Map.of("x", ""), false),
        arguments("x in (a,b)", Map.of("x", "b"), true),
        arguments("x in (a,b)", Map.of(), false),
        // upstream TestRequirementSelectorMatching
        arguments("x notin (),y", Map.of("y", ""), true),
        arguments("!x,y", Map.of("y", ""), true),
        arguments("x notin (),!y", Map.of("y", ""), false),
        arguments("x in ()", Map.of("y", "baz"), false),
        arguments("z>1", Map.of("z", "v2"), false),
        // '>'/'<' need the key present with a value Go's strconv.ParseInt accepts as an int64
        arguments("x>1", Map.of(), false),
        arguments("x>1", Map.of("x", "+2"), true),
        arguments("x<1", Map.of("x", "-5"), true),
        arguments("x>1", Map.of("x", "00000000000000000000000000002"), true),
        arguments("x>1", Map.of("x", "9223372036854775807"), true),
        arguments("x>1", Map.of("x", "9223372036854775808"), false),
        arguments("x<0", Map.of("x", "-9223372036854775808"), true),
        arguments("x<0", Map.of("x", "-9223372036854775809"), false),
        arguments("x>1", Map.of("x", ""), false),
        arguments("x>1", Map.of("x", "+"), false),
        arguments("x>1", Map.of("x", " 2"), false),
        arguments("x>1", Map.of("x", "2.0"), false),
        arguments("x>1", Map.of("x", "0x10"), false),
        arguments("x>1", Map.of("x", "1_000"), false),
        // digits outside ASCII are not digits to Go (Java's Long.parseLong would take them)
        arguments("x>1", Map.of("x", "\u0663"), false),
        arguments("x>1", Map.of("x", "1"), false),
        arguments("x<1", Map.of("x", "1"), false),
        arguments("x>007", Map.of("x", "8"), true));
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("matching")
  void matchesAsUpstream(String text, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelector.parse(text).matches(labels)).isEqualTo(expected);
  }

  @Test
  void nullEmptyAndBlankSelectEverything() {
    // null, empty and whitespace-only text are all the selector that matches everything
    for (String text : new String[] {null, "", " \t\r\n"}) {
      LabelSelector selector = LabelSelector.parse(text);
      assertThat(selector.isEmpty()).isTrue();
      assertThat(selector.requirements()).isEmpty();
      assertThat(selector).hasToString("").isEqualTo(LabelSelector.everything());
      assertThat(selector.matches(Map.of("x", "y"))).isTrue();
      assertThat(selector.matches(null)).isTrue();
    }
  }

  @Test
  void exposesRequirementsSortedByKeyWithSortedValues() {
    // the structured form a caller reads: keys sorted, value sets sorted, operators named
    LabelSelector selector = LabelSelector.parse("z notin (b,a),!y,x>3,w==v,v,u in ()");

    assertThat(selector.isEmpty()).isFalse();
    assertThat(selector.requirements()).containsExactly(
        new LabelRequirement("u", LabelOperator.IN, List.of("")),
        new LabelRequirement("v", LabelOperator.EXISTS, List.of()),
        new LabelRequirement("w", LabelOperator.DOUBLE_EQUALS, List.of("v")),
        new LabelRequirement("x", LabelOperator.GREATER_THAN, List.of("3")),
        new LabelRequirement("y", LabelOperator.DOES_NOT_EXIST, List.of()),
        new LabelRequirement("z", LabelOperator.NOT_IN, List.of("a", "b")));
  }

  static Stream<Arguments> invalidRequirements() {
    return Stream.of(
        // upstream TestRequirementConstructor: set operators need values
        arguments("x1", LabelOperator.IN, List.of(),
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"),
        arguments("x2", LabelOperator.NOT_IN, null,
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"),
        // exact-match operators take exactly one value
        arguments("x5", LabelOperator.EQUALS, List.of("foo", "bar"),
            "values: Invalid value: [\"bar\",\"foo\"]: exact-match compatibility requires one single value"),
        // existence operators take none
        arguments("x8", LabelOperator.EXISTS, List.of("foo"),
            "values: Invalid value: [\"foo\"]: values set must be empty for exists and does not exist"),
        // '>'/'<' take one integer
        arguments("x13", LabelOperator.GREATER_THAN, List.of(),
            "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required"),
        arguments("x14", LabelOperator.GREATER_THAN, List.of("bar"), "values[0]: Invalid value: \"bar\": " + NOT_AN_INTEGER),
        arguments("x15", LabelOperator.LESS_THAN, List.of("bar"), "values[0]: Invalid value: \"bar\": " + NOT_AN_INTEGER),
        // the key is checked at field path "key" when a requirement is built directly
        arguments("a".repeat(254), LabelOperator.EXISTS, List.of(),
            "key: Invalid value: \"" + "a".repeat(254) + "\": name part must be no more than 63 bytes"),
        arguments("x16", LabelOperator.EQUALS, List.of("a".repeat(254)),
            "values[0][x16]: Invalid value: \"" + "a".repeat(254) + "\": must be no more than 63 bytes"),
        arguments("x17", LabelOperator.EQUALS, List.of("a b"), "values[0][x17]: Invalid value: \"a b\": " + VALUE_RULE),
        // value lists are shown as Go's json.Marshal shows them, HTML characters escaped
        arguments("x", LabelOperator.EQUALS, List.of("b", "<a>"),
            "[values: Invalid value: [\"\\u003ca\\u003e\",\"b\"]: exact-match compatibility requires one single value, "
                + "values[0][x]: Invalid value: \"<a>\": " + VALUE_RULE + "]"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("invalidRequirements")
  void requirementConstructorValidatesAsNewRequirement(
      String key, LabelOperator operator, List<String> values, String message) {
    assertThatThrownBy(() -> new LabelRequirement(key, operator, values))
        .isInstanceOf(SelectorParseException.class)
        .hasMessage(message);
  }

  @Test
  void requirementPrintsAsUpstream() {
    // upstream TestToString
    assertThat(new LabelRequirement("x", LabelOperator.IN, List.of("def", "abc"))).hasToString("x in (abc,def)");
    assertThat(new LabelRequirement("z", LabelOperator.NOT_IN, List.of(""))).hasToString("z notin ()");
    assertThat(new LabelRequirement("y", LabelOperator.NOT_EQUALS, List.of("jkl"))).hasToString("y!=jkl");
    assertThat(new LabelRequirement("z", LabelOperator.DOES_NOT_EXIST, List.of())).hasToString("!z");
    assertThat(new LabelRequirement("x", LabelOperator.GREATER_THAN, List.of("2"))).hasToString("x>2");
    assertThat(new LabelRequirement("y", LabelOperator.LESS_THAN, List.of("8"))).hasToString("y<8");
  }
}
