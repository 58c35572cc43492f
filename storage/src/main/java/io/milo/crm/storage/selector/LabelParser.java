package io.milo.crm.storage.selector;

import io.milo.crm.storage.selector.LabelLexer.Item;
import io.milo.crm.storage.selector.LabelLexer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * LabelParser is upstream's recursive-descent label selector parser ({@code labels.Parse}) over
 * the tokens of {@link LabelLexer}, with the same grammar, the same acceptance of odd input such as
 * {@code x in (a,,)} and the same error messages:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 * </pre>
 *
 * <p>Where a value may stand, {@code in} and {@code notin} are plain identifiers.
 */
final class LabelParser {
  /** Where the parser is: {@code in}/{@code notin} are operators only after a key. */
  private enum Context { KEY_AND_OPERATOR, VALUES }

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final List<Item> items;
  private int position;

  private LabelParser(List<Item> items) {
    this.items = items;
  }

  /** The requirements of {@code text}, sorted by key (stably, so equal keys keep their order). */
  static List<LabelRequirement> parse(String text) {
    List<LabelRequirement> requirements = new LabelParser(LabelLexer.scan(text)).selector();
    requirements.sort(Comparator.comparing(LabelRequirement::key, GoStrings::compare));
    return requirements;
  }

  private List<LabelRequirement> selector() {
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Item start = lookahead(Context.VALUES);
      switch (start.token()) {
        case IDENTIFIER, DOES_NOT_EXIST -> {
          requirements.add(wrappedRequirement());
          Item after = consume(Context.VALUES);
          if (after.token() == Token.END_OF_STRING) {
            return requirements;
          }
          if (after.token() != Token.COMMA) {
            throw error("found '%s', expected: ',' or 'end of string'", after.literal());
          }
          Item next = lookahead(Context.VALUES);
          if (next.token() != Token.IDENTIFIER && next.token() != Token.DOES_NOT_EXIST) {
            throw error("found '%s', expected: identifier after ','", next.literal());
          }
        }
        case END_OF_STRING -> {
          return requirements;
        }
        default -> throw error("found '%s', expected: !, identifier, or 'end of string'", start.literal());
      }
    }
  }

  private LabelRequirement wrappedRequirement() {
    try {
      return requirement();
    } catch (SelectorParseException e) {
      throw error("unable to parse requirement: %s", e.getMessage());
    }
  }

  private LabelRequirement requirement() {
    boolean negated = lookahead(Context.VALUES).token() == Token.DOES_NOT_EXIST;
    if (negated) {
      consume(Context.VALUES);
    }
    String key = key();
    Token next = lookahead(Context.VALUES).token();
    if (negated) {
      return new LabelRequirement(key, LabelOperator.DOES_NOT_EXIST, List.of());
    }
    if (next == Token.END_OF_STRING || next == Token.COMMA) {
      return new LabelRequirement(key, LabelOperator.EXISTS, List.of());
    }
    LabelOperator operator = operator();
    List<String> values = operator == LabelOperator.IN || operator == LabelOperator.NOT_IN ? valueSet() : exactValue();
    return new LabelRequirement(key, operator, values);
  }

  private String key() {
    Item item = consume(Context.VALUES);
    if (item.token() != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", item.literal());
    }
    List<String> problems = LabelSyntax.keyErrors(item.literal());
    if (!problems.isEmpty()) {
      throw new SelectorParseException(
          FieldErrors.invalid(FieldErrors.NIL_PATH, item.literal(), String.join("; ", problems)));
    }
    return item.literal();
  }

  private LabelOperator operator() {
    Item item = consume(Context.KEY_AND_OPERATOR);
    return switch (item.token()) {
      case IN -> LabelOperator.IN;
      case EQUALS -> LabelOperator.EQUALS;
      case DOUBLE_EQUALS -> LabelOperator.DOUBLE_EQUALS;
      case GREATER_THAN -> LabelOperator.GREATER_THAN;
      case LESS_THAN -> LabelOperator.LESS_THAN;
      case NOT_IN -> LabelOperator.NOT_IN;
      case NOT_EQUALS -> LabelOperator.NOT_EQUALS;
      default -> throw error("found '%s', expected: %s", item.literal(), BINARY_OPERATORS);
    };
  }

  /** {@code ( values )}; {@code ()} is the set holding the empty string. */
  private List<String> valueSet() {
    Item open = consume(Context.VALUES);
    if (open.token() != Token.OPEN_PAR) {
      throw error("found '%s' expected: '('", open.literal());
    }
    Item first = lookahead(Context.VALUES);
    switch (first.token()) {
      case IDENTIFIER, COMMA -> {
        List<String> values = identifiers();
        consume(Context.VALUES); // the ')' that identifiers() stopped at
        return values;
      }
      case CLOSED_PAR -> {
        consume(Context.VALUES);
        return List.of("");
      }
      default -> throw error("found '%s', expected: ',', ')' or identifier", first.literal());
    }
  }

  /** Comma-separated, possibly empty, identifiers up to (not including) ')'. */
  private List<String> identifiers() {
    TreeSet<String> values = new TreeSet<>(GoStrings::compare);
    while (true) {
      Item item = consume(Context.VALUES);
      switch (item.token()) {
        case IDENTIFIER -> {
          values.add(item.literal());
          Item next = lookahead(Context.VALUES);
          if (next.token() == Token.CLOSED_PAR) {
            return List.copyOf(values);
          }
          if (next.token() != Token.COMMA) {
            throw error("found '%s', expected: ',' or ')'", next.literal());
          }
        }
        case COMMA -> {
          if (values.isEmpty()) {
            values.add(""); // "(,"
          }
          Token next = lookahead(Context.VALUES).token();
          if (next == Token.CLOSED_PAR || next == Token.COMMA) {
            values.add(""); // ",)" and ",,"
          }
          if (next == Token.CLOSED_PAR) {
            return List.copyOf(values);
          }
        }
        default -> throw error("found '%s', expected: ',', or identifier", item.literal());
      }
    }
  }

  /** The single value after {@code = == != > <}; nothing before ',' or the end is the empty value. */
  private List<String> exactValue() {
    Token next = lookahead(Context.VALUES).token();
    if (next == Token.END_OF_STRING || next == Token.COMMA) {
      return List.of("");
    }
    Item item = consume(Context.VALUES);
    if (item.token() != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", item.literal());
    }
    return List.of(item.literal());
  }

  private Item lookahead(Context context) {
    return inContext(items.get(position), context);
  }

  private Item consume(Context context) {
    return inContext(items.get(position++), context);
  }

  private static Item inContext(Item item, Context context) {
    boolean keyword = item.token() == Token.IN || item.token() == Token.NOT_IN;
    return context == Context.VALUES && keyword ? new Item(Token.IDENTIFIER, item.literal()) : item;
  }

  private static SelectorParseException error(String format, Object... args) {
    return new SelectorParseException(String.format(format, args));
  }
}
