package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  @Test
  void defaultsApplyWhenNothingIsGiven() {
    ServerOptions options = ServerOptions.parse(new String[0], name -> null);
    assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(8443);
    assertThat(options.databaseUrl()).isNull();
    assertThat(options.dataDir()).isEqualTo(Path.of(".local"));
  }

  @Test
  void aFlagBeatsItsEnvironmentVariable() {
    Map<String, String> env = Map.of("CRM_PORT", "9000", "CRM_DB_URL", "postgresql://db/crm");
    ServerOptions fromEnv = ServerOptions.parse(new String[0], env::get);
    assertThat(fromEnv.port()).isEqualTo(9000);
    assertThat(fromEnv.databaseUrl()).isEqualTo("postgresql://db/crm");
    ServerOptions fromFlags = ServerOptions.parse(new String[] {"--port=9443", "--data-dir", "/tmp/x"}, env::get);
    assertThat(fromFlags.port()).isEqualTo(9443);
    assertThat(fromFlags.dataDir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--bogus=1", "--port=abc", "stray"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown flag: --bogus")
        .hasMessageContaining("--port must be a number, got abc")
        .hasMessageContaining("unexpected argument: stray");
  }

  @Test
  void aCertificateNeedsItsKeyAndAFlagItsValue() {
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--tls-cert-file=/tmp/a.crt"}, name -> null))
        .hasMessageContaining("--tls-cert-file and --tls-private-key-file go together");
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port"}, name -> null))
        .hasMessageContaining("flag --port needs a value");
    ServerOptions both = ServerOptions.parse(new String[] {"--tls-cert-file=a.crt", "--tls-private-key-file=a.key"},
        name -> null);
    assertThat(both.tlsCertFile()).isEqualTo(Path.of("a.crt"));
    assertThat(both.tlsKeyFile()).isEqualTo(Path.of("a.key"));
  }

  @Test
  void helpListsEveryFlagWithItsVariable() {
    String help = ServerOptions.help();
    for (ServerOptions.Parameter p : ServerOptions.ALL) {
      assertThat(help).contains("--" + p.flag()).contains(p.env());
    }
  }
}
