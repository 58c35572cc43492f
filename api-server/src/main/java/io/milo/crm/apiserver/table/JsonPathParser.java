package io.milo.crm.apiserver.table;

import io.milo.crm.apiserver.table.JsonPathNode.Bool;
import io.milo.crm.apiserver.table.JsonPathNode.Field;
import io.milo.crm.apiserver.table.JsonPathNode.Filter;
import io.milo.crm.apiserver.table.JsonPathNode.Float;
import io.milo.crm.apiserver.table.JsonPathNode.Int;
import io.milo.crm.apiserver.table.JsonPathNode.Param;
import io.milo.crm.apiserver.table.JsonPathNode.Recursive;
import io.milo.crm.apiserver.table.JsonPathNode.Slice;
import io.milo.crm.apiserver.table.JsonPathNode.Steps;
import io.milo.crm.apiserver.table.JsonPathNode.Text;
import io.milo.crm.apiserver.table.JsonPathNode.Union;
import io.milo.crm.apiserver.table.JsonPathNode.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JsonPathParser reads the inside of one JSONPath action ({@code {...}}) with the grammar of client-go's
 * util/jsonpath parser, quirks included: a field ends at an unescaped {@code . , [ ] $ @ { }} or space
 * and loses its backslashes ({@code crm\.milo\.io/source} is one key), {@code ['a.b']} is split at its
 * dots, {@code [n]} is the slice {@code [n:n+1]}, and a filter is {@code [?(left op right)]}. Template
 * keywords ({@code range}, {@code end}) are refused: a printer column is a single path.
 */
final class JsonPathParser {
  private static final int EOF = -1;
  private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
  private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
  private static final Pattern COMPARISON = Pattern.compile("^([^!<>=]+)([!<>=]+)(.+?)$");

  private final String input;
  private final List<JsonPathNode> nodes = new ArrayList<>();
  private int pos;

  private JsonPathParser(String input) {
    this.input = input;
  }

  /** The steps of {@code action}, the text between the braces of {@code {.spec.name}}. */
  static Steps parse(String action) {
    JsonPathParser parser = new JsonPathParser(action);
    parser.parseAction();
    return new Steps(parser.nodes);
  }

  private void parseAction() {
    while (true) {
      if (input.startsWith("}", pos)) {
        throw new JsonPathException("a printer column path is a single action; unexpected } at " + pos);
      }
      if (input.startsWith("[?(", pos)) {
        parseFilter();
        continue;
      }
      if (input.startsWith("..", pos)) {
        parseRecursive();
        continue;
      }
      int r = next();
      if (r == EOF) {
        return;
      } else if (r == '\r' || r == '\n') {
        throw new JsonPathException("unclosed action");
      } else if (r == ' ' || r == '@' || r == '$') {
        continue; // the current object: nothing to do
      } else if (r == '[') {
        parseArray();
      } else if (r == '"' || r == '\'') {
        parseQuote(r);
      } else if (r == '.') {
        parseField();
      } else if (r == '+' || r == '-' || Character.isDigit(r)) {
        pos--;
        parseNumber();
      } else if (isAlphaNumeric(r)) {
        pos--;
        parseIdentifier();
      } else {
        throw new JsonPathException(String.format("unrecognized character in action: U+%04X '%c'", r, r));
      }
    }
  }

  private int next() {
    return pos < input.length() ? input.charAt(pos++) : EOF;
  }

  private int peek() {
    return pos < input.length() ? input.charAt(pos) : EOF;
  }

  private void parseIdentifier() {
    int start = pos;
    while (!isTerminator(peek())) {
      pos++;
    }
    String value = input.substring(start, pos);
    if (value.equals("true") || value.equals("false")) {
      nodes.add(new Bool(Boolean.parseBoolean(value)));
    } else {
      throw new JsonPathException("unrecognized identifier " + value);
    }
  }

  private void parseRecursive() {
    if (!nodes.isEmpty() && nodes.get(nodes.size() - 1) instanceof Recursive) {
      throw new JsonPathException("invalid multiple recursive descent");
    }
    pos += 2;
    nodes.add(new Recursive());
    if (isAlphaNumeric(peek())) {
      parseField();
    }
  }

  private void parseNumber() {
    int start = pos;
    if (peek() == '+' || peek() == '-') {
      pos++;
    }
    while (peek() == '.' || (peek() != EOF && Character.isDigit(peek()))) {
      pos++;
    }
    String value = input.substring(start, pos);
    try {
      nodes.add(new Int(Long.parseLong(value)));
      return;
    } catch (NumberFormatException notAnInteger) {
      // Go tries strconv.Atoi, then strconv.ParseFloat
    }
    try {
      nodes.add(new Float(Double.parseDouble(value)));
    } catch (NumberFormatException e) {
      throw new JsonPathException("cannot parse number " + value);
    }
  }

  private void parseArray() {
    int start = pos - 1;
    while (true) {
      int r = next();
      if (r == EOF || r == '\n') {
        throw new JsonPathException("unterminated array");
      }
      if (r == ']') {
        break;
      }
    }
    String text = input.substring(start + 1, pos - 1);
    if (text.equals("*")) {
      text = ":";
    }
    String[] alternatives = text.split(",", -1);
    if (alternatives.length > 1) {
      List<Steps> union = new ArrayList<>();
      for (String alternative : alternatives) {
        union.add(parse("[" + trimSpaces(alternative) + "]"));
      }
      nodes.add(new Union(union));
      return;
    }
    Matcher key = DICT_KEY.matcher(text);
    if (key.matches()) {
      nodes.addAll(parse("." + key.group(1)).nodes());
      return;
    }
    Matcher slice = SLICE.matcher(text);
    if (!slice.matches()) {
      throw new JsonPathException("invalid array index " + text);
    }
    Param[] params = new Param[3];
    for (int i = 0; i < 3; i++) {
      String value = slice.group(i + 1) == null ? "" : slice.group(i + 1);
      if (!value.isEmpty()) {
        if (i > 0) {
          value = value.substring(1);
        }
        if (i > 0 && value.isEmpty()) {
          params[i] = Param.UNKNOWN;
        } else {
          params[i] = new Param(true, index(value), false);
        }
      } else if (i == 1) {
        params[i] = new Param(true, params[0].value() + 1, true);
      } else {
        params[i] = Param.UNKNOWN;
      }
    }
    nodes.add(new Slice(params[0], params[1], params[2]));
  }

  private static int index(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new JsonPathException("array index " + value + " is not a number");
    }
  }

  private void parseFilter() {
    pos += "[?(".length();
    int start = pos;
    boolean begin = false;
    boolean end = false;
    int pair = 0;
    while (true) {
      int r = next();
      if (r == EOF || r == '\n') {
        throw new JsonPathException("unterminated filter");
      }
      if (r == '"' || r == '\'') {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (input.charAt(pos - 2) != '\\' && r == pair) {
          end = true;
        }
      } else if (r == ')' && begin == end) {
        break;
      }
    }
    if (next() != ']') {
      throw new JsonPathException("unclosed array expect ]");
    }
    String text = input.substring(start, pos - 2);
    Matcher comparison = COMPARISON.matcher(text);
    if (comparison.matches()) {
      nodes.add(new Filter(parse(comparison.group(1)), parse(comparison.group(3)), comparison.group(2)));
    } else {
      nodes.add(new Filter(parse(text), new Steps(List.of()), "exists"));
    }
  }

  private void parseQuote(int quote) {
    int start = pos - 1;
    while (true) {
      int r = next();
      if (r == EOF || r == '\n') {
        throw new JsonPathException("unterminated quoted string");
      }
      if (r == quote && input.charAt(pos - 2) != '\\') {
        break;
      }
    }
    String value = input.substring(start, pos);
    nodes.add(new Text(GoUnquote.unquote(value)));
  }

  private void parseField() {
    int start = pos;
    while (true) {
      int r = next();
      if (r == '\\') {
        next();
      } else if (isTerminator(r)) {
        if (r != EOF) {
          pos--;
        }
        break;
      }
    }
    String value = input.substring(start, pos);
    nodes.add(value.equals("*") ? new Wildcard() : new Field(value.replace("\\", "")));
  }

  private static String trimSpaces(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean isTerminator(int r) {
    return switch (r) {
      case EOF, ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}' -> true;
      default -> false;
    };
  }

  private static boolean isAlphaNumeric(int r) {
    return r == '_' || (r != EOF && (Character.isLetter(r) || Character.isDigit(r)));
  }
}
