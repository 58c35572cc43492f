package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's flag table is the flags the server has: generated from ServerOptions, so a
 * flag added, renamed or re-documented fails here until the page is regenerated with
 * {@code mvn -pl api-server test -Dtest=OperationsDocTest -Doperations.doc.write=true}.
 */
class OperationsDocTest {
  private static final Path DOC = Path.of("..", "docs", "operations.md");
  private static final String BEGIN = "<!-- flags: generated from ServerOptions by OperationsDocTest -->\n";
  private static final String END = "<!-- end of flags -->\n";

  @Test
  void theFlagTableIsTheServersFlags() throws Exception {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/operations.md has the flag table markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String expected = doc.substring(0, begin + BEGIN.length()) + ServerOptions.markdownTable() + doc.substring(end);
    if (Boolean.getBoolean("operations.doc.write")) {
      Files.writeString(DOC, expected);
    }
    assertThat(doc).as("docs/operations.md's flag table is stale; regenerate it with "
        + "mvn -pl api-server test -Dtest=OperationsDocTest -Doperations.doc.write=true").isEqualTo(expected);
  }
}
