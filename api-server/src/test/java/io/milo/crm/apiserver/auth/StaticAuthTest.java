package io.milo.crm.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milo.crm.admission.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The token file, the policy file and the order of the authenticator and authorizer chains. */
class StaticAuthTest {
  private static final TokenFile TOKENS = TokenFile.parse("""
      t1,bob,uid-b,"devs, ops"
      t2,carol,uid-c
      ,nobody,x
      t3, dave ,uid-d,single
      """, "tokens.csv");

  @Test
  void tokenFileLinesAreTokenUserUidAndGroups() throws Exception {
    assertThat(TOKENS.verify("t1").toCompletableFuture().get().user())
        .isEqualTo(new UserInfo("bob", "uid-b", List.of("devs", "ops"), Map.of()));
    assertThat(TOKENS.verify("t2").toCompletableFuture().get().user())
        .isEqualTo(new UserInfo("carol", "uid-c", List.of(), Map.of()));
    assertThat(TOKENS.verify("t3").toCompletableFuture().get().user().groups()).containsExactly("single");
    assertThat(TOKENS.verify("").toCompletableFuture().get()).isEqualTo(Authentication.none());
    assertThatThrownBy(() -> TokenFile.parse("t,u\n", "f.csv"))
        .hasMessage("token file 'f.csv' must have at least 3 columns (token, user name, user uid), found 2");
  }

  @Test
  void theChainAddsAuthenticatedAndOnlyFallsBackToAnonymousWithoutErrors() throws Exception {
    var chain = new AuthenticatorChain(List.of(new BearerTokenAuthenticator(List.of(TOKENS))), true);
    UserInfo bob = chain.authenticate(new Credentials(List.of(), Map.of("Authorization", List.of("Bearer t1"))))
        .toCompletableFuture().get().user();
    assertThat(bob.groups()).containsExactly("devs", "ops", "system:authenticated");
    assertThat(chain.authenticate(new Credentials(List.of(), Map.of())).toCompletableFuture().get().user())
        .isEqualTo(AuthenticatorChain.ANONYMOUS);
    Authentication invalid = chain.authenticate(new Credentials(List.of(), Map.of("authorization",
        List.of("bearer nope")))).toCompletableFuture().get();
    assertThat(invalid.authenticated()).isFalse();
    assertThat(invalid.error()).startsWith("invalid bearer token");
    var noAnonymous = new AuthenticatorChain(List.of(new BearerTokenAuthenticator(List.of(TOKENS))), false);
    assertThat(noAnonymous.authenticate(new Credentials(List.of(), Map.of())).toCompletableFuture().get())
        .isEqualTo(Authentication.none());
  }

  private static final PolicyFile POLICY = PolicyFile.parse("""
      # bob reads people; the devs group may do anything in namespace team; carol may create notes only
      {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"bob","readonly":true,"apiGroup":"crm.milo.io","resource":"people","namespace":"*"}}
      {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"group":"devs","apiGroup":"*","resource":"*","namespace":"team"}}
      {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"carol","verbs":["create"],"apiGroup":"crm.milo.io","resource":"notes","namespace":"*"}}
      {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"*","readonly":true,"nonResourcePath":"/apis*"}}
      """, "policy.jsonl");

  private static boolean allowed(String user, List<String> groups, String method, String url) throws Exception {
    return POLICY.authorize(new Attributes(new UserInfo(user, "", groups, Map.of()), RequestInfoTest.derive(method, url)))
        .toCompletableFuture().get().allowed();
  }

  @Test
  void policiesMatchSubjectVerbAndResourceAsAbacDoes() throws Exception {
    assertThat(allowed("bob", List.of(), "GET", "/apis/crm.milo.io/v1alpha1/people")).isTrue();
    assertThat(allowed("bob", List.of(), "GET", "/apis/crm.milo.io/v1alpha1/people?watch=1")).isTrue();
    assertThat(allowed("bob", List.of(), "POST", "/apis/crm.milo.io/v1alpha1/people")).isFalse();
    assertThat(allowed("bob", List.of(), "GET", "/apis/crm.milo.io/v1alpha1/companies")).isFalse();
    assertThat(allowed("eve", List.of("devs"), "DELETE", "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts/c"))
        .isTrue();
    assertThat(allowed("eve", List.of("devs"), "GET", "/apis/notification.milo.io/v1alpha1/namespaces/other/contacts"))
        .isFalse();
    assertThat(allowed("carol", List.of(), "POST", "/apis/crm.milo.io/v1alpha1/notes")).isTrue();
    assertThat(allowed("carol", List.of(), "GET", "/apis/crm.milo.io/v1alpha1/notes")).isFalse();
    assertThat(allowed("anyone", List.of(), "GET", "/apis/crm.milo.io")).isTrue();
    assertThat(allowed("anyone", List.of(), "GET", "/version")).isFalse();
    assertThat(POLICY.authorize(new Attributes(new UserInfo("x", "", List.of(), Map.of()),
        RequestInfoTest.derive("GET", "/version"))).toCompletableFuture().get().reason()).isEqualTo("No policy matched.");
  }

  @Test
  void privilegedPathsAndGroupsComeFirstAndTheFirstDecisionWins() throws Exception {
    Authorizer denyAll = a -> CompletableFuture.completedFuture(Decision.deny("denied by test"));
    var chain = new AuthorizerChain(List.of(new PrivilegedAuthorizer(PrivilegedAuthorizer.ALWAYS_ALLOW_PATHS,
        PrivilegedAuthorizer.ALWAYS_ALLOW_GROUPS), POLICY, denyAll));
    UserInfo eve = new UserInfo("eve", "", List.of(), Map.of());
    UserInfo master = new UserInfo("root", "", List.of("system:masters"), Map.of());
    assertThat(chain.authorize(new Attributes(eve, RequestInfoTest.derive("GET", "/livez"))).toCompletableFuture().get()
        .allowed()).isTrue();
    assertThat(chain.authorize(new Attributes(master, RequestInfoTest.derive("DELETE", "/apis/crm.milo.io/v1alpha1/people")))
        .toCompletableFuture().get().allowed()).isTrue();
    Decision denied = chain.authorize(new Attributes(eve, RequestInfoTest.derive("GET", "/version")))
        .toCompletableFuture().get();
    assertThat(denied.kind()).isEqualTo(Decision.Kind.DENY);
    assertThat(denied.reason()).isEqualTo("denied by test");
    var noOpinions = new AuthorizerChain(List.of(POLICY, POLICY));
    assertThat(noOpinions.authorize(new Attributes(eve, RequestInfoTest.derive("GET", "/version")))
        .toCompletableFuture().get().reason()).isEqualTo("No policy matched.\nNo policy matched.");
  }

  @Test
  void configMapKeysBecomeTheFrontProxySettings() {
    TestCertificates.Issued ca = TestCertificates.ca("front-proxy-ca");
    AuthenticationConfig config = AuthenticationConfig.fromConfigMap(Map.of(
        "requestheader-client-ca-file", ca.certificatePem(),
        "requestheader-allowed-names", "[\"front-proxy-client\"]",
        "requestheader-username-headers", "[\"X-Remote-User\"]",
        "requestheader-group-headers", "[\"X-Remote-Group\"]",
        "requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]",
        "requestheader-uid-headers", "[\"X-Remote-Uid\"]"));
    assertThat(config.clientCa().isEmpty()).isTrue();
    assertThat(config.requestHeader().ca().certificates()).containsExactly(ca.certificate());
    assertThat(config.requestHeader().allowedNames()).containsExactly("front-proxy-client");
    assertThat(config.requestHeader().uidHeaders()).containsExactly("X-Remote-Uid");
    assertThatThrownBy(() -> AuthenticationConfig.fromConfigMap(Map.of("requestheader-client-ca-file",
        ca.certificatePem(), "requestheader-allowed-names", "front-proxy-client")))
        .hasMessageContaining("requestheader-allowed-names");
  }
}
