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

  @Test
  void authenticationFlagsParseAndDefaultToTheStandaloneServer() {
    ServerOptions defaults = ServerOptions.parse(new String[0], name -> null);
    assertThat(defaults.anonymousAuth()).isFalse();
    assertThat(defaults.tokenAuthFile()).isNull();
    assertThat(defaults.authorizationPolicyFile()).isNull();
    assertThat(defaults.requestHeaderUsernameHeaders()).containsExactly("X-Remote-User");
    assertThat(defaults.requestHeaderAllowedNames()).isEmpty();
    assertThat(defaults.delegatedAuth()).isTrue();
    ServerOptions given = ServerOptions.parse(new String[] {"--anonymous-auth=true", "--token-auth-file=t.csv",
        "--requestheader-client-ca-file=fp.crt", "--requestheader-allowed-names=front-proxy-client, aggregator",
        "--requestheader-group-headers=X-Remote-Group,X-Groups", "--delegated-auth=false",
        "--authentication-kubeconfig=k"}, name -> null);
    assertThat(given.anonymousAuth()).isTrue();
    assertThat(given.tokenAuthFile()).isEqualTo(Path.of("t.csv"));
    assertThat(given.requestHeaderClientCaFile()).isEqualTo(Path.of("fp.crt"));
    assertThat(given.requestHeaderAllowedNames()).containsExactly("front-proxy-client", "aggregator");
    assertThat(given.requestHeaderGroupHeaders()).containsExactly("X-Remote-Group", "X-Groups");
    assertThat(given.delegatedAuth()).isFalse();
    assertThat(given.authenticationKubeconfig()).isEqualTo(Path.of("k"));
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--anonymous-auth=yes", "--delegated-auth=true"},
        name -> null))
        .hasMessageContaining("--anonymous-auth must be true or false, got yes")
        .hasMessageContaining("--delegated-auth must be auto or false, got true");
    assertThat(ServerOptions.help()).contains("--authorization-policy-file")
        .contains("every authenticated user may do everything");
  }

  @Test
  void theSelfSignedCertificateNamesTheServiceWhenTheNamespaceIsKnown() {
    ServerOptions options = ServerOptions.parse(new String[] {"--service-name=crm"}, name -> null);
    assertThat(Main.servingNames(options, Map.of("POD_NAMESPACE", "milo")::get))
        .contains("localhost", "127.0.0.1", "crm.milo.svc", "crm.milo.svc.cluster.local");
    ServerOptions explicit = ServerOptions.parse(new String[] {"--service-namespace=ns", "--bind-address=0.0.0.0"},
        name -> null);
    assertThat(Main.servingNames(explicit, name -> null)).contains("milo-crm-apiserver.ns.svc")
        .doesNotContain("0.0.0.0");
  }
}
