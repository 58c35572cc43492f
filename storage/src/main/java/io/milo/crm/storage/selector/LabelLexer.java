package io.milo.crm.storage.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LabelLexer splits label selector text into tokens exactly as upstream's {@code labels.Lexer}:
 * whitespace is space, tab, CR and LF; the special characters {@code = ! ( ) , > <} start an
 * operator, the longest of {@code == !=} or a single character; any other run of characters is an
 * identifier, or the keyword {@code in}/{@code notin}.
 *
 * <p>Upstream reads a NUL character as the end of the input, so a NUL ends the selector where a
 * token would start, and ends the current identifier elsewhere; this lexer does the same, so the
 * same text selects the same objects here as on a Kubernetes API server.
 */
final class LabelLexer {
  /** The kinds of token. */
  enum Token {
    END_OF_STRING, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, GREATER_THAN, IDENTIFIER,
    IN, LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR
  }

  /** One token and the text it was read from. */
  record Item(Token token, String literal) {}

  private static final Map<String, Token> FIXED = Map.ofEntries(
      Map.entry(")", Token.CLOSED_PAR),
      Map.entry(",", Token.COMMA),
      Map.entry("!", Token.DOES_NOT_EXIST),
      Map.entry("==", Token.DOUBLE_EQUALS),
      Map.entry("=", Token.EQUALS),
      Map.entry(">", Token.GREATER_THAN),
      Map.entry("in", Token.IN),
      Map.entry("<", Token.LESS_THAN),
      Map.entry("!=", Token.NOT_EQUALS),
      Map.entry("notin", Token.NOT_IN),
      Map.entry("(", Token.OPEN_PAR));

  /** What {@link #read()} returns at the end of the input, and for a NUL in it. */
  private static final char END = 0;

  private final String text;
  private int position;

  private LabelLexer(String text) {
    this.text = text;
  }

  /** All tokens of {@code text}, the last one {@link Token#END_OF_STRING}. */
  static List<Item> scan(String text) {
    LabelLexer lexer = new LabelLexer(text);
    List<Item> items = new ArrayList<>();
    Item item;
    do {
      item = lexer.next();
      items.add(item);
    } while (item.token() != Token.END_OF_STRING);
    return items;
  }

  private Item next() {
    char c = read();
    while (isWhitespace(c)) {
      c = read();
    }
    if (c == END) {
      return new Item(Token.END_OF_STRING, "");
    }
    unread();
    return isSpecial(c) ? operator() : identifierOrKeyword();
  }

  /** The longest operator at the current position; every special character is one on its own. */
  private Item operator() {
    String one = String.valueOf(read());
    char following = read();
    if (following != END) {
      String two = one + following;
      if (FIXED.containsKey(two)) {
        return new Item(FIXED.get(two), two);
      }
      unread();
    }
    return new Item(FIXED.get(one), one);
  }

  private Item identifierOrKeyword() {
    StringBuilder literal = new StringBuilder();
    for (char c = read(); c != END; c = read()) {
      if (isSpecial(c) || isWhitespace(c)) {
        unread();
        break;
      }
      literal.append(c);
    }
    String s = literal.toString();
    return new Item(FIXED.getOrDefault(s, Token.IDENTIFIER), s);
  }

  /** The next character, advancing; {@link #END} (without advancing) at the end of the input. */
  private char read() {
    if (position < text.length()) {
      return text.charAt(position++);
    }
    return END;
  }

  private void unread() {
    position--;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return switch (c) {
      case '=', '!', '(', ')', ',', '>', '<' -> true;
      default -> false;
    };
  }
}
