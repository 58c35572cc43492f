package io.milo.crm.apiserver.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * AuthStack builds authentication and authorization from {@link AuthOptions}, in upstream's order
 * (k8s.io/apiserver pkg/authentication/authenticatorfactory/delegating.go and
 * pkg/authorization/authorizerfactory/delegating.go). Authentication: front proxy, client
 * certificate, bearer token (admin token, token file, TokenReview cached), anonymous if enabled.
 * Authorization: the always-allowed paths and system:masters, the policy file, SubjectAccessReview
 * (cached); with neither a policy file nor a main apiserver, every authenticated user is allowed.
 */
public final class AuthStack {
  private final RequestGate gate;
  private final AuthenticationConfigSource config;
  private final List<VertxKubeApi> clients;

  private AuthStack(RequestGate gate, AuthenticationConfigSource config, List<VertxKubeApi> clients) {
    this.gate = gate;
    this.config = config;
    this.clients = clients;
  }

  /** Builds the stack and reads the cluster's authentication settings once before answering. */
  public static Future<AuthStack> start(Vertx vertx, AuthOptions options) {
    List<VertxKubeApi> clients = new ArrayList<>();
    VertxKubeApi authnApi = null;
    if (options.authentication() != null) {
      authnApi = new VertxKubeApi(vertx, options.authentication());
      clients.add(authnApi);
    }
    VertxKubeApi authzApi = null;
    if (options.authorization() != null) {
      authzApi = new VertxKubeApi(vertx, options.authorization());
      clients.add(authzApi);
    }
    AuthenticationConfigSource config = new AuthenticationConfigSource(vertx, authnApi, options.files());

    List<TokenVerifier> tokens = new ArrayList<>();
    tokens.add(options.adminToken());
    if (options.tokenFile() != null) {
      tokens.add(TokenFile.read(options.tokenFile()));
    }
    if (authnApi != null) {
      tokens.add(new CachedTokenVerifier(new TokenReviewVerifier(authnApi, List.of()), options.tokenCacheTtl(),
          options.tokenCacheTtl(), options.clock()));
    }
    RequestAuthenticator authenticator = new AuthenticatorChain(List.of(
        new FrontProxyAuthenticator(() -> config.get().requestHeader(), options.clock()),
        new ClientCertificateAuthenticator(() -> config.get().clientCa(), options.clock()),
        new BearerTokenAuthenticator(tokens)), options.anonymous());

    List<Authorizer> authorizers = new ArrayList<>();
    authorizers.add(new PrivilegedAuthorizer(PrivilegedAuthorizer.ALWAYS_ALLOW_PATHS,
        PrivilegedAuthorizer.ALWAYS_ALLOW_GROUPS));
    if (options.policyFile() != null) {
      authorizers.add(PolicyFile.read(options.policyFile()));
    }
    if (authzApi != null) {
      authorizers.add(new CachedAuthorizer(new SubjectAccessReviewAuthorizer(authzApi), options.allowCacheTtl(),
          options.denyCacheTtl(), options.clock()));
    }
    if (options.policyFile() == null && authzApi == null) {
      authorizers.add(new AllowAllAuthorizer());
    }
    AuthStack stack = new AuthStack(new RequestGate(authenticator, new AuthorizerChain(authorizers)), config, clients);
    return config.start(options.configRefresh()).map(stack);
  }

  public RequestGate gate() {
    return gate;
  }

  /** The authentication settings in force now. */
  public AuthenticationConfig currentConfig() {
    return config.get();
  }

  public Future<Void> close() {
    config.stop();
    return Future.all(clients.stream().map(VertxKubeApi::close).toList()).mapEmpty();
  }
}
