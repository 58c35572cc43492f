package io.milo.crm.storage.sql;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * SqlBuilder assembles one SQL statement and its bind parameters. Values never enter the SQL text:
 * {@link #param(Object)} adds a value and returns its {@code $n} placeholder. Only fixed fragments
 * written in this code base (column names, operators) are appended as text.
 *
 * <p>vertx-pg-client lets the server infer parameter types; a String bound where the server infers
 * {@code jsonb} is sent as a JSON string literal, so JSON documents are bound as text and cast:
 * use {@link #jsonParam(String)}.
 */
public final class SqlBuilder {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  /** Appends a fixed SQL fragment. Never pass user input here. */
  public SqlBuilder append(String fragment) {
    sql.append(fragment);
    return this;
  }

  /** Adds a bind parameter and returns its placeholder, e.g. {@code $3}. */
  public String param(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  /** Adds a JSON document (as text) and returns a placeholder expression of type jsonb. */
  public String jsonParam(String json) {
    return param(json) + "::text::jsonb";
  }

  /** Adds a text parameter and returns a placeholder expression of type text. */
  public String textParam(String text) {
    return param(text) + "::text";
  }

  public String sql() {
    return sql.toString();
  }

  public Tuple tuple() {
    return Tuple.from(params);
  }

  public List<Object> params() {
    return List.copyOf(params);
  }

  @Override
  public String toString() {
    return sql + " " + params;
  }
}
