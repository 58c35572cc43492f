package io.milo.crm.storage.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report collects the benchmark's results and the database sessions seen in each phase, and
 * renders them twice from the same figures: as an aligned text table and as JSON, so that runs
 * can be compared side by side.
 */
final class Report {
  private static final String[] HEADERS = {"measure", "ours", "pgbench", "ratio", "errors"};

  private final int objects;
  private final Double insertTps;
  private final Double selectTps;
  private final List<Result> results = new ArrayList<>();
  private final Map<String, WaitSampler.Sessions> sessions = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  Report(int objects, Double insertTps, Double selectTps) {
    this.objects = objects;
    this.insertTps = insertTps;
    this.selectTps = selectTps;
  }

  void add(Result result) {
    results.add(result);
  }

  void addSessions(String phase, WaitSampler.Sessions seen) {
    sessions.put(phase, seen);
  }

  /** Adds a remark on how the run went, printed under the table. */
  void addNote(String note) {
    notes.add(note);
  }

  int errors() {
    return results.stream().mapToInt(Result::errors).sum();
  }

  /**
   * The results as an aligned table, then the notes and the busiest session activities of each
   * sampled phase.
   */
  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (Result r : results) {
      rows.add(new String[] {r.measure(), r.ours(),
          r.baselineTps() == null ? "" : String.format("%,.0f tps", r.baselineTps()),
          r.ratio() == null ? "" : String.format("%.2f", r.ratio()),
          Integer.toString(r.errors())});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder(String.format("storage benchmark, N = %,d people%n", objects));
    for (int i = 0; i < rows.size(); i++) {
      appendRow(out, rows.get(i), widths);
      if (i == 0) {
        String[] rule = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
          rule[c] = "-".repeat(widths[c]);
        }
        appendRow(out, rule, widths);
      }
    }
    if (!notes.isEmpty()) {
      out.append(System.lineSeparator());
      notes.forEach(note -> out.append(note).append(System.lineSeparator()));
    }
    if (!sessions.isEmpty()) {
      out.append(String.format("%nstore sessions by activity (pg_stat_activity every 100 ms, mean sessions):%n"));
      sessions.forEach((phase, seen) -> out.append(String.format("  %-8s %s%n", phase, seen.summary(5))));
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, String[] row, int[] widths) {
    for (int c = 0; c < row.length; c++) {
      out.append(c == 0 ? "" : "  ").append(pad(row[c], widths[c], c >= 2));
    }
    out.append(System.lineSeparator());
  }

  /** Pads text to width, on the left when right-aligned (the figures after "ours"). */
  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }

  /** Writes the same figures as JSON. */
  void writeJson(Path path) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("objects", objects);
    ObjectNode pgbench = root.putObject("pgbench");
    pgbench.put("insertTps", insertTps);
    pgbench.put("selectTps", selectTps);
    root.set("results", Json.MAPPER.valueToTree(results));
    root.set("notes", Json.MAPPER.valueToTree(notes));
    root.set("sessions", Json.MAPPER.valueToTree(sessions));
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(path, Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
  }
}
