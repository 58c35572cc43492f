package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;
import io.milo.crm.storage.sql.SqlBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a selective list reads, from PostgreSQL's own account (EXPLAIN ANALYZE): a page of an
 * equality selector touches about the rows it returns, at any continue point, instead of walking
 * the table; and the term index always equals what the objects say.
 */
class ListCostIT {
  private static final int OBJECTS = 20_000;
  static Vertx vertx;
  static Store store;
  static Pool sql;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    PgConnectOptions db = StoreTesting.newDatabase();
    store = StoreTesting.open(vertx, StoreTesting.options(db));
    sql = PgBuilder.pool().connectingTo(db).using(vertx).build();
    List<Future<Void>> batches = new ArrayList<>();
    for (int start = 0; start < OBJECTS; start += 500) {
      int first = start;
      batches.add(store.inTransaction(tx -> {
        Future<Void> chain = Future.succeededFuture();
        for (int i = first; i < first + 500; i++) {
          String source = i % 100 == 0 ? "investors" : "web-" + (i % 7);
          var p = person("cost", String.format("p%06d", i), Map.of("crm.milo.io/source", source), "c" + (i % 1000));
          chain = chain.compose(v -> tx.create(PEOPLE, p).mapEmpty());
        }
        return chain;
      }));
    }
    await(Future.all(batches));
    await(sql.query("ANALYZE").execute());
  }

  @AfterAll
  static void close() {
    await(sql.close());
    await(store.close());
    await(vertx.close());
  }

  private static JsonNode explain(SqlBuilder b) {
    String json = await(sql.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + b.sql()).execute(b.tuple()))
        .iterator().next().getValue(0).toString();
    try {
      return Json.MAPPER.readTree(json).get(0).get("Plan");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows read from tables or indexes anywhere in the plan, including those a filter dropped. */
  private static long rowsRead(JsonNode plan) {
    long rows = 0;
    String type = plan.path("Node Type").asText();
    if (type.contains("Scan")) {
      rows += plan.path("Actual Rows").asLong() * Math.max(1, plan.path("Actual Loops").asLong())
          + plan.path("Rows Removed by Filter").asLong() + plan.path("Rows Removed by Index Recheck").asLong();
    }
    for (JsonNode child : plan.path("Plans")) {
      rows += rowsRead(child);
    }
    return rows;
  }

  @Test
  void aLaterPageOfASelectiveListReadsAboutWhatItReturns() {
    ListOptions options = ListOptions.all("cost")
        .withSelectors(LabelSelector.parse("crm.milo.io/source=investors"), FieldSelector.everything()).withLimit(50);
    ListResult first = await(store.list(PEOPLE, options));
    ContinueToken token = ContinueToken.decode(first.continueToken(), true);
    for (SqlBuilder page : List.of(
        ListQueries.latestSql(PEOPLE, options, token.after(), 50),
        ListQueries.atSql(PEOPLE, options, first.resourceVersion(), token.after(), 50))) {
      JsonNode plan = explain(page);
      // 51 rows from the term index, 51 objects by key, plus the two single-row heads.
      assertThat(rowsRead(plan)).as(plan.toPrettyString()).isLessThan(400);
    }
  }

  @Test
  void aFieldSelectorPageIsServedByTheTermIndexToo() {
    ListOptions options = ListOptions.all("cost")
        .withSelectors(LabelSelector.everything(), FieldSelector.parse("spec.companyRef.name=c7")).withLimit(10);
    ListResult first = await(store.list(PEOPLE, options));
    assertThat(first.items()).hasSize(10);
    ContinueToken token = ContinueToken.decode(first.continueToken(), true);
    JsonNode plan = explain(ListQueries.latestSql(PEOPLE, options, token.after(), 10));
    assertThat(rowsRead(plan)).as(plan.toPrettyString()).isLessThan(100);
  }

  @Test
  void theTermIndexMatchesTheObjects() {
    for (int i = 0; i < 200; i += 3) {
      ObjectKey key = new ObjectKey("cost", String.format("p%06d", i));
      if (i % 2 == 0) {
        await(store.delete(PEOPLE, key, Preconditions.NONE));
      } else {
        int n = i;
        await(store.guaranteedUpdate(PEOPLE, key, Preconditions.NONE, current -> {
          var next = current.tree();
          Json.metadata(next).putObject("labels").put("crm.milo.io/source", "moved-" + n).put("extra", "x");
          next.with("spec").putObject("companyRef").put("name", "moved");
          return next;
        }, WriteCheck.NONE));
      }
    }
    long mismatches = await(sql.query("WITH derived AS ("
        + "SELECT o.api_group, o.resource, 'l' AS kind, l.key, l.value, o.namespace, o.name FROM objects o, jsonb_each_text(o.labels) l "
        + "UNION ALL SELECT o.api_group, o.resource, 'f', f.key, f.value, o.namespace, o.name FROM objects o, jsonb_each_text(o.fields) f), "
        + "terms AS (SELECT api_group, resource, kind, term_key, term_value, namespace, name FROM object_terms) "
        + "SELECT (SELECT count(*) FROM (SELECT * FROM derived EXCEPT SELECT * FROM terms) a) "
        + "+ (SELECT count(*) FROM (SELECT * FROM terms EXCEPT SELECT * FROM derived) b)").execute())
        .iterator().next().getLong(0);
    assertThat(mismatches).isZero();
  }
}
