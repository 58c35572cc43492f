package io.milo.crm.apiserver;

import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.vertx.core.Vertx;
import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.admission.rules.CrmAdmission;
import io.milo.crm.apiserver.discovery.Discovery;
import io.milo.crm.apiserver.openapi.OpenApiDocuments;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.apiserver.rest.ResourceApi;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.util.List;
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
    Store store = Store.open(vertx, StoreOptions.defaults(database)).toCompletionStage().toCompletableFuture().get();
    ServingCertificate certificate = options.tlsCertFile() != null
        ? new ServingCertificate(options.tlsCertFile(), options.tlsKeyFile())
        : ServingCertificate.selfSigned(options.dataDir(), List.of("localhost", "127.0.0.1", options.bindAddress()));
    TokenAuthenticator auth = TokenAuthenticator.adminToken(options.dataDir());
    ApiServer.Services services = services(vertx, store, auth,
        new InFlightLimiter(options.maxRequestsInflight(), options.maxMutatingRequestsInflight()), options.newsletterGroup());
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
  static ApiServer.Services services(Vertx vertx, Store store, TokenAuthenticator auth, InFlightLimiter limiter,
      String[] newsletterGroup) {
    return new ApiServer.Services(store, new Discovery(Kinds.all(), Discovery.RESOURCE_VERBS, Discovery.STATUS_VERBS),
        OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES),
        new ResourceApi(vertx, store, writer -> CrmAdmission.chain(writer, newsletterGroup[0], newsletterGroup[1]),
            Kinds.all(), limiter), auth);
  }

  /** The host a local client reaches the bind address by: loopback for a wildcard, brackets for IPv6. */
  static String hostForUrl(String bindAddress) {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]")) {
      return "127.0.0.1";
    }
    return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
  }
}
