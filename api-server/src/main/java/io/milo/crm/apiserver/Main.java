package io.milo.crm.apiserver;

import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.milo.crm.apiserver.auth.AuthOptions;
import io.milo.crm.apiserver.auth.AuthStack;
import io.milo.crm.apiserver.auth.AuthenticationFiles;
import io.milo.crm.apiserver.auth.KubeConnection;
import io.milo.crm.apiserver.auth.RequestGate;
import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.admission.rules.CrmAdmission;
import io.milo.crm.apiserver.discovery.Discovery;
import io.milo.crm.apiserver.openapi.OpenApiDocuments;
import io.milo.crm.apiserver.rest.ActivityLog;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.apiserver.rest.ResourceApi;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Main starts the server: database (embedded unless --db-url), store, HTTP endpoints. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(ServerOptions.help());
      return;
    }
    ServerOptions options;
    try {
      options = ServerOptions.parse(args, System::getenv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n\n" + ServerOptions.help());
      System.exit(2);
      return;
    }
    // The kind declarations are checked before anything starts: a wiring mistake fails here, never in a request.
    LOG.info("declared kinds: {}", Kinds.all().stream()
        .map(k -> k.plural() + "." + k.group()).toList());
    EmbeddedDatabase embedded = null;
    PgConnectOptions database;
    if (options.databaseUrl() == null) {
      embedded = EmbeddedDatabase.start(options.dataDir());
      database = embedded.connectOptions();
      LOG.info("started an embedded PostgreSQL on port {} with data in {}", database.getPort(),
          options.dataDir().resolve("postgres").toAbsolutePath());
    } else {
      database = PgConnectOptions.fromUri(options.databaseUrl());
    }
    Vertx vertx = Vertx.vertx();
    // The store opens (network round trips) while this thread does the start's CPU work: the
    // serving certificate, authentication, the discovery and OpenAPI documents.
    Future<Store> opening = Store.open(vertx, StoreOptions.defaults(database));
    ServingCertificate certificate = options.tlsCertFile() != null
        ? new ServingCertificate(options.tlsCertFile(), options.tlsKeyFile())
        : ServingCertificate.selfSigned(options.dataDir(), servingNames(options, System::getenv));
    TokenAuthenticator auth = TokenAuthenticator.adminToken(options.dataDir());
    Future<AuthStack> authStarting = AuthStack.start(vertx, authOptions(options, auth, System::getenv));
    Documents documents = Documents.build();
    Store store = opening.toCompletionStage().toCompletableFuture().get();
    AuthStack authStack = authStarting.toCompletionStage().toCompletableFuture().get();
    ApiServer.Services services = services(vertx, store, authStack.gate(),
        new InFlightLimiter(options.maxRequestsInflight(), options.maxMutatingRequestsInflight()), options.newsletterGroup(),
        documents);
    ApiServer server = ApiServer.start(vertx, services, certificate, options.bindAddress(), options.port())
        .toCompletionStage().toCompletableFuture().get();
    String url = "https://" + hostForUrl(options.bindAddress()) + ":" + server.port();
    Path kubeconfig = options.dataDir().resolve("kubeconfig").toAbsolutePath();
    Kubeconfig.write(kubeconfig, url, certificate.certificatePem(), auth.token());
    LOG.info("serving on {}; store at resourceVersion {}", url, store.observedResourceVersion());
    System.out.println("\nThe server is ready. Use it with:\n  export KUBECONFIG=" + kubeconfig
        + "\n  kubectl version\n  kubectl api-resources\n  kubectl get crm\n");
    EmbeddedDatabase toStop = embedded;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        store.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown did not finish cleanly: {}", e.toString());
      }
      if (toStop != null) {
        toStop.close();
      }
    }, "shutdown"));
  }

  /** Everything served, built from the kind declarations. */
  static ApiServer.Services services(Vertx vertx, Store store, RequestGate gate, InFlightLimiter limiter,
      String[] newsletterGroup) {
    return services(vertx, store, gate, limiter, newsletterGroup, Documents.build());
  }

  private static ApiServer.Services services(Vertx vertx, Store store, RequestGate gate, InFlightLimiter limiter,
      String[] newsletterGroup, Documents documents) {
    return new ApiServer.Services(store, documents.discovery(), documents.openapi(),
        new ResourceApi(vertx, store, writer -> CrmAdmission.chain(writer, newsletterGroup[0], newsletterGroup[1]),
            Kinds.all(), limiter, new ActivityLog(System.out)), gate);
  }

  /** The discovery and OpenAPI documents, which depend on the kind declarations alone. */
  private record Documents(Discovery discovery, OpenApiDocuments openapi) {
    static Documents build() {
      return new Documents(new Discovery(Kinds.all(), Discovery.RESOURCE_VERBS, Discovery.STATUS_VERBS),
          OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES));
    }
  }

  /**
   * The names the self-signed certificate is for: local ones, the bind address, and, when the
   * namespace is known, the Service names the aggregator dials ({@code <service>.<namespace>.svc}).
   */
  static List<String> servingNames(ServerOptions options, Function<String, String> env) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", options.bindAddress()));
    String namespace = namespace(options, env, KubeConnection.SERVICE_ACCOUNT_DIR.resolve("namespace"));
    if (namespace != null) {
      String service = options.serviceName();
      names.addAll(List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
          service + "." + namespace + ".svc.cluster.local"));
    }
    return names.stream().distinct().filter(n -> !n.equals("0.0.0.0") && !n.equals("::")).toList();
  }

  static String namespace(ServerOptions options, Function<String, String> env, Path namespaceFile) {
    if (options.serviceNamespace() != null) {
      return options.serviceNamespace();
    }
    String fromEnv = env.apply("POD_NAMESPACE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    try {
      return Files.exists(namespaceFile) ? Files.readString(namespaceFile).trim() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Authentication and authorization as the flags and the environment (a pod or not) say. */
  static AuthOptions authOptions(ServerOptions options, TokenAuthenticator admin, Function<String, String> env) {
    KubeConnection authentication = null;
    KubeConnection authorization = null;
    if (options.delegatedAuth()) {
      KubeConnection inCluster = KubeConnection.inCluster(env, KubeConnection.SERVICE_ACCOUNT_DIR);
      authentication = options.authenticationKubeconfig() != null
          ? KubeConnection.fromKubeconfig(options.authenticationKubeconfig()) : inCluster;
      authorization = options.authorizationKubeconfig() != null
          ? KubeConnection.fromKubeconfig(options.authorizationKubeconfig()) : inCluster;
    }
    AuthenticationFiles files = new AuthenticationFiles(options.clientCaFile(), options.requestHeaderClientCaFile(),
        options.requestHeaderAllowedNames(), options.requestHeaderUsernameHeaders(),
        options.requestHeaderGroupHeaders(), options.requestHeaderExtraHeadersPrefix(),
        options.requestHeaderUidHeaders());
    return new AuthOptions(admin, options.tokenAuthFile(), options.authorizationPolicyFile(), options.anonymousAuth(),
        files, authentication, authorization, AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CACHE_TTL,
        AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CONFIG_REFRESH, Clock.systemUTC());
  }

  /** The host a local client reaches the bind address by: loopback for a wildcard, brackets for IPv6. */
  static String hostForUrl(String bindAddress) {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]")) {
      return "127.0.0.1";
    }
    return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
  }
}
