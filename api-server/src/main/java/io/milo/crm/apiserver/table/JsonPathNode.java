package io.milo.crm.apiserver.table;

import java.util.List;

/**
 * JsonPathNode is one step of a parsed JSONPath, as client-go's util/jsonpath parser builds them. A
 * path is a {@link Steps} list; filters and unions hold lists of their own.
 */
sealed interface JsonPathNode {
  /** Steps applied one after the other. */
  record Steps(List<JsonPathNode> nodes) implements JsonPathNode {
    public Steps {
      nodes = List.copyOf(nodes);
    }
  }

  /** {@code .name}: a key of an object. */
  record Field(String name) implements JsonPathNode {}

  /** {@code .*} or {@code [*]} as a wildcard over an object's values or a list's elements. */
  record Wildcard() implements JsonPathNode {}

  /** {@code ..}: the value and everything under it. */
  record Recursive() implements JsonPathNode {}

  /** {@code [start:end:step]} or {@code [index]}; index {@code n} is {@code [n:n+1]} with a derived end. */
  record Slice(Param start, Param end, Param step) implements JsonPathNode {}

  /** One bound of a slice: whether it was given, its value, and whether it was derived from an index. */
  record Param(boolean known, int value, boolean derived) {
    static final Param UNKNOWN = new Param(false, 0, false);
  }

  /** {@code [?(left op right)]}, or {@code [?(left)]} whose operator is "exists". */
  record Filter(Steps left, Steps right, String operator) implements JsonPathNode {}

  /** {@code [a,b]}: the results of each alternative, in order. */
  record Union(List<Steps> alternatives) implements JsonPathNode {
    public Union {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** A quoted string literal. */
  record Text(String text) implements JsonPathNode {}

  /** An integer literal. */
  record Int(long value) implements JsonPathNode {}

  /** A floating-point literal. */
  record Float(double value) implements JsonPathNode {}

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements JsonPathNode {}
}
