package io.milo.crm.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Report is the run's result: rows in the order measured, printed as one table and written as JSON. */
final class Report {
  private final List<Row> rows = new ArrayList<>();
  private final ObjectNode header = Dataset.MAPPER.createObjectNode();

  synchronized void add(Row row) {
    rows.add(row);
    System.out.printf("  %-16s %-44s %s%n", row.phase(), row.measure(), summary(row));
  }

  void put(String key, String value) {
    header.put(key, value);
  }

  void put(String key, double value) {
    header.put(key, value);
  }

  void print(PrintStream out) {
    String format = "%-15s %-44s %9s %10s %9s %9s %6s  %-16s %s%n";
    out.println();
    header.fields().forEachRemaining(e -> out.println(e.getKey() + ": " + e.getValue().asText()));
    out.printf(format, "PHASE", "MEASURE", "COUNT", "PER S", "P50 MS", "P99 MS", "ERRS", "VERDICT", "TARGET / DETAIL");
    for (Row row : rows) {
      String detail = row.target().isEmpty() ? row.detail()
          : row.detail().isEmpty() ? row.target() : row.target() + " | " + row.detail();
      out.printf(format, row.phase(), row.measure(), row.count(), number(row.perSecond(), 0),
          number(row.p50Ms(), 2), number(row.p99Ms(), 2), row.errors(), row.verdict(), detail);
    }
  }

  void write(Path file) {
    ObjectNode json = header.deepCopy();
    ArrayNode array = json.putArray("rows");
    for (Row row : rows) {
      array.add(Dataset.MAPPER.<ObjectNode>valueToTree(row));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, Dataset.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String summary(Row row) {
    return String.format("n=%d rate=%s/s p50=%s p99=%s errors=%d %s %s", row.count(), number(row.perSecond(), 0),
        number(row.p50Ms(), 2), number(row.p99Ms(), 2), row.errors(), row.verdict(), row.detail());
  }

  private static String number(Double value, int decimals) {
    return value == null || value.isNaN() ? "-" : String.format("%." + decimals + "f", value);
  }
}
