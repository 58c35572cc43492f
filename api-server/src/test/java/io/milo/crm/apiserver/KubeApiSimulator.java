package io.milo.crm.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * KubeApiSimulator is a small HTTPS stand-in for the three main-apiserver endpoints a delegating
 * server uses: TokenReview (known tokens map to users), SubjectAccessReview (a predicate over the
 * review's spec decides) and the ConfigMap kube-system/extension-apiserver-authentication (whose
 * data a test changes). It records every review it receives.
 */
final class KubeApiSimulator implements AutoCloseable {
  final Map<String, ObjectNode> tokens = new ConcurrentHashMap<>();
  final Map<String, String> configMap = new ConcurrentHashMap<>();
  final List<JsonNode> tokenReviews = new CopyOnWriteArrayList<>();
  final List<JsonNode> accessReviews = new CopyOnWriteArrayList<>();
  volatile Predicate<JsonNode> allow = spec -> false;
  final ServingCertificate certificate;
  private final HttpServer server;

  private KubeApiSimulator(HttpServer server, ServingCertificate certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  static KubeApiSimulator start(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("kube-api-simulator");
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, List.of("localhost", "127.0.0.1"));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.certificateFile().toString())
            .setKeyPath(certificate.keyFile().toString())));
    KubeApiSimulator simulator = new KubeApiSimulator(server, certificate);
    server.requestHandler(request -> request.body().onSuccess(body -> {
      if (!"Bearer simulator-client".equals(request.getHeader("Authorization"))) {
        request.response().setStatusCode(401).end("{\"kind\":\"Status\",\"code\":401}");
        return;
      }
      String path = request.path();
      try {
        if (path.equals("/apis/authentication.k8s.io/v1/tokenreviews")) {
          JsonNode review = TestServer.JSON.readTree(body.toString());
          simulator.tokenReviews.add(review);
          ObjectNode user = simulator.tokens.get(review.path("spec").path("token").asText());
          ObjectNode answer = ((ObjectNode) review.deepCopy());
          ObjectNode status = answer.putObject("status").put("authenticated", user != null);
          if (user != null) {
            status.set("user", user);
          }
          request.response().setStatusCode(201).end(answer.toString());
        } else if (path.equals("/apis/authorization.k8s.io/v1/subjectaccessreviews")) {
          JsonNode review = TestServer.JSON.readTree(body.toString());
          simulator.accessReviews.add(review);
          ObjectNode answer = ((ObjectNode) review.deepCopy());
          answer.putObject("status").put("allowed", simulator.allow.test(review.path("spec")));
          request.response().setStatusCode(201).end(answer.toString());
        } else if (path.equals("/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication")) {
          ObjectNode configMap = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
          configMap.putObject("metadata").put("name", "extension-apiserver-authentication")
              .put("namespace", "kube-system");
          ObjectNode data = configMap.putObject("data");
          simulator.configMap.forEach(data::put);
          request.response().end(configMap.toString());
        } else {
          request.response().setStatusCode(404).end("{\"kind\":\"Status\",\"code\":404}");
        }
      } catch (Exception e) {
        request.response().setStatusCode(500).end(e.toString());
      }
    }));
    TestServer.await(server.listen());
    return simulator;
  }

  String url() {
    return "https://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() throws Exception {
    TestServer.await(server.close());
  }
}
