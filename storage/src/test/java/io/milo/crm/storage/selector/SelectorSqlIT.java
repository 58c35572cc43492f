package io.milo.crm.storage.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.storage.sql.SqlBuilder;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SelectorSqlIT proves on a real PostgreSQL that the SQL {@link SelectorSql} writes selects
 * exactly the rows that the in-memory {@code matches} accepts, over generated rows with missing
 * keys, empty values, and numbers both valid and not (out of int64, signs, leading zeros, non-ASCII
 * digits); and that an equality label selector is answered from the GIN index.
 */
class SelectorSqlIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 200;
  private static final int BIG_ROWS = 20_000;

  /** One generated object: its columns, and the field map the in-memory matcher reads. */
  private record TestObject(int id, String namespace, String name, Map<String, String> labels, Map<String, String> fields) {
    Map<String, String> fieldValues() {
      Map<String, String> values = new HashMap<>(fields);
      values.put("metadata.name", name);
      values.put("metadata.namespace", namespace);
      return values;
    }
  }

  private static Vertx vertx;
  private static Pool pool;
  private static SqlConnection connection;
  private static List<TestObject> objects;

  @BeforeAll
  static void createTables() {
    vertx = Vertx.vertx();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1))
        .connectingTo(TestDatabase.newDatabase())
        .using(vertx)
        .build();
    // temporary tables live on one connection, so every statement uses this one
    connection = await(pool.getConnection());
    execute("CREATE TEMP TABLE objects (id int PRIMARY KEY, namespace text COLLATE \"C\" NOT NULL, "
        + "name text COLLATE \"C\" NOT NULL, labels jsonb NOT NULL, fields jsonb NOT NULL)");
    execute("CREATE INDEX ON objects USING gin (labels)");
    objects = generate(new Random(20260801L));
    List<Tuple> batch = objects.stream()
        .map(o -> Tuple.of(o.id(), o.namespace(), o.name(), json(o.labels()), json(o.fields())))
        .toList();
    await(connection.preparedQuery("INSERT INTO objects VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb)")
        .executeBatch(batch));
  }

  @AfterAll
  static void close() {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  static Stream<Arguments> labelSelectors() {
    return Stream.of(
        // nothing to select on
        "",
        // equality, with '=' and '==', including the empty value
        "app=web", "app==web", "app=", "empty=", "example.com/team=a",
        // inequality holds where the key is missing
        "app!=web", "app!=", "missing!=x",
        // set membership, including the empty value and values that are keywords
        "app in (web,api)", "app in (web,)", "app in ()", "app in (in,notin)", "missing in (x)",
        "app notin (web,api)", "app notin ()", "missing notin (x)",
        // existence
        "app", "!app", "empty", "!empty", "missing", "!missing",
        // integer comparison: non-numbers, out-of-int64 values, signs and leading zeros never match
        "num>0", "num<0", "num>5", "num<10", "num>0,num<10", "num<1", "num>007",
        "num<9223372036854775807", "num>9223372036854775806", "num<00000000000000000000000000013",
        "num>99", "version>1", "version<3", "missing>1", "missing<1",
        // combinations: every condition must hold
        "app,!tier", "app=web,tier=frontend", "app!=web,tier notin (backend)",
        "example.com/team in (a,b),app", "num>1,app", "!num,app in (api,db)", "num,num notin (abc,5a)",
        "app notin (web),!missing,empty=,example.com/team!=c")
        .map(s -> arguments(s));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("labelSelectors")
  void labelSelectorSelectsWhatItMatches(String text) {
    LabelSelector selector = LabelSelector.parse(text);
    SqlBuilder b = new SqlBuilder().append("SELECT id FROM objects WHERE true");
    SelectorSql.appendLabelPredicate(selector, "labels", b);

    Set<Integer> expected = ids(objects.stream().filter(o -> selector.matches(o.labels())));

    assertThat(select(b)).as(b.toString()).isEqualTo(expected);
  }

  static Stream<Arguments> fieldSelectors() {
    return Stream.of(
        // nothing to select on
        "",
        // the name and namespace columns
        "metadata.name=obj-7", "metadata.name!=obj-7", "metadata.name=", "metadata.name!=",
        "metadata.namespace=ns-a", "metadata.namespace!=ns-a", "metadata.namespace=", "metadata.namespace!=",
        // a declared field: "" in the map, or missing from it altogether, reads as ""
        "spec.email=a@x.io", "spec.email!=a@x.io", "spec.email=", "spec.email!=",
        "spec.ref.name=", "spec.ref.name!=", "spec.ref.name=r1",
        "spec.never=", "spec.never!=", "spec.never=x", "spec.never!=x",
        // escaped separators in a value
        "spec.email=odd\\,\\=\\\\value", "spec.email!=odd\\,\\=\\\\value",
        // values PostgreSQL cannot even hold equal nothing
        "spec.email=a\u0000b", "spec.email!=a\u0000b", "metadata.name=x\u0000", "metadata.name!=x\u0000",
        "spec.email=\uD800", "spec.email!=\uD800", "metadata.namespace=\uDC00", "metadata.namespace!=\uDC00",
        // a field PostgreSQL cannot hold is missing from every object
        "spec.a\u0000=", "spec.a\u0000!=", "spec.a\u0000=x", "spec.a\u0000!=x",
        // combinations
        "status.phase=Ready,spec.email=", "status.phase!=Ready,metadata.namespace=ns-b",
        "metadata.namespace=ns-a,metadata.name!=obj-3,spec.ref.name!=")
        .map(s -> arguments(s));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fieldSelectors")
  void fieldSelectorSelectsWhatItMatches(String text) {
    FieldSelector selector = FieldSelector.parse(text);
    SqlBuilder b = new SqlBuilder().append("SELECT id FROM objects WHERE true");
    SelectorSql.appendFieldPredicate(selector, "name", "namespace", "fields", b);

    Set<Integer> expected = ids(objects.stream().filter(o -> selector.matches(o.fieldValues())));

    assertThat(select(b)).as(b.toString()).isEqualTo(expected);
  }

  @Test
  void labelAndFieldSelectorsCombine() {
    // both predicates appended to one statement, parameters numbered across them
    LabelSelector labels = LabelSelector.parse("app in (web,api),num>0");
    FieldSelector fields = FieldSelector.parse("metadata.namespace!=ns-b,spec.email=");
    SqlBuilder b = new SqlBuilder().append("SELECT id FROM objects WHERE true");
    SelectorSql.appendLabelPredicate(labels, "labels", b);
    SelectorSql.appendFieldPredicate(fields, "name", "namespace", "fields", b);

    Set<Integer> expected = ids(objects.stream()
        .filter(o -> labels.matches(o.labels()) && fields.matches(o.fieldValues())));

    assertThat(expected).isNotEmpty();
    assertThat(select(b)).isEqualTo(expected);
  }

  @Test
  void generatedRowsExerciseEveryKindOfValue() {
    // guards the comparisons above against data that would make them trivially equal
    assertThat(ids(objects.stream().filter(o -> !o.labels().containsKey("app")))).hasSizeGreaterThan(20);
    assertThat(ids(objects.stream().filter(o -> "".equals(o.labels().get("app"))))).isNotEmpty();
    assertThat(ids(objects.stream().filter(o -> LabelSelector.parse("num>0").matches(o.labels())))).isNotEmpty();
    assertThat(ids(objects.stream().filter(o -> o.labels().containsKey("num")
        && GoStrings.parseInt64(o.labels().get("num")) == null))).hasSizeGreaterThan(10);
    assertThat(ids(objects.stream().filter(o -> !o.fields().containsKey("spec.ref.name")))).isNotEmpty();
    assertThat(ids(objects.stream().filter(o -> "".equals(o.fields().get("spec.ref.name"))))).isNotEmpty();
  }

  @Test
  void selectiveLabelSelectorsUseTheGinIndex() {
    execute("CREATE TEMP TABLE big (id int PRIMARY KEY, labels jsonb NOT NULL)");
    execute("INSERT INTO big SELECT i, jsonb_build_object('app', 'app-' || (i % 1000), "
        + "'tier', CASE WHEN i % 2 = 0 THEN 'frontend' ELSE 'backend' END) FROM generate_series(1, " + BIG_ROWS + ") i");
    execute("CREATE INDEX big_labels ON big USING gin (labels)");
    execute("ANALYZE big");

    // equality, alone and with an unselective condition, and a set: each a bitmap scan of the index
    for (String text : List.of("app=app-7", "app=app-7,tier=frontend", "app in (app-7,app-8)", "app=app-7,num>3")) {
      SqlBuilder b = new SqlBuilder().append("EXPLAIN SELECT id FROM big WHERE true");
      SelectorSql.appendLabelPredicate(LabelSelector.parse(text), "labels", b);

      String plan = rows(b).stream().map(r -> r.getString(0)).collect(Collectors.joining("\n"));

      assertThat(plan).as(text).contains("Bitmap Index Scan on big_labels").doesNotContain("Seq Scan");
    }
  }

  private static List<TestObject> generate(Random random) {
    String[] apps = {"web", "api", "db", "", "in", "notin"};
    String[] tiers = {"frontend", "backend", ""};
    String[] teams = {"a", "b", "c"};
    String[] versions = {"v1", "v2", "1", "2", "3"};
    String[] numbers = {"0", "1", "2", "5", "10", "12", "-3", "+7", "007", "-0", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "00000000000000000000000000012",
        "abc", "5a", "", "+", "-", " 5", "1.5", "1e3", "0x10", "1_000", "\u0663", "99999999999999999999999"};
    String[] namespaces = {"ns-a", "ns-b", ""};
    String[] emails = {"a@x.io", "b@x.io", "", "odd,=\\value"};
    String[] phases = {"Ready", "Pending", ""};
    String[] refs = {"r1", "r2", ""};
    List<TestObject> generated = new ArrayList<>();
    for (int id = 1; id <= ROWS; id++) {
      Map<String, String> labels = new LinkedHashMap<>();
      maybePut(random, labels, "app", apps, 0.7);
      maybePut(random, labels, "tier", tiers, 0.5);
      maybePut(random, labels, "example.com/team", teams, 0.4);
      maybePut(random, labels, "num", numbers, 0.8);
      maybePut(random, labels, "version", versions, 0.3);
      maybePut(random, labels, "empty", new String[] {""}, 0.3);
      Map<String, String> fields = new LinkedHashMap<>();
      maybePut(random, fields, "spec.email", emails, 0.9);
      maybePut(random, fields, "status.phase", phases, 0.9);
      maybePut(random, fields, "spec.ref.name", refs, 0.7);
      generated.add(new TestObject(id, pick(random, namespaces), "obj-" + id, labels, fields));
    }
    return generated;
  }

  private static void maybePut(Random random, Map<String, String> map, String key, String[] values, double p) {
    if (random.nextDouble() < p) {
      map.put(key, pick(random, values));
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static Set<Integer> ids(Stream<TestObject> matching) {
    return matching.map(TestObject::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Integer> select(SqlBuilder b) {
    return rows(b).stream().map(r -> r.getInteger(0)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Row> rows(SqlBuilder b) {
    RowSet<Row> rows = await(connection.preparedQuery(b.sql()).execute(b.tuple()));
    return StreamSupport.stream(rows.spliterator(), false).toList();
  }

  private static void execute(String sql) {
    await(connection.query(sql).execute());
  }

  private static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
