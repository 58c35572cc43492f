package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;
import io.milo.crm.apiserver.rest.ApiError;
import io.milo.crm.apiserver.rest.Responses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RequestGate is the HTTP side of authentication and authorization, in the order of upstream's
 * filters (k8s.io/apiserver pkg/endpoints/filters/authentication.go and authorization.go): collect the
 * request's credentials (TLS client certificates, headers), authenticate (401 Unauthorized when
 * nothing does), derive the attributes from method, path and query, authorize (403 Forbidden in the
 * kube wording; 500 when the authorizer could not decide), then hand the request on with its user.
 * The request is paused while this happens so no body byte is lost.
 */
public final class RequestGate {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

  private final RequestAuthenticator authenticator;
  private final Authorizer authorizer;

  public RequestGate(RequestAuthenticator authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
  }

  /** Authenticates and authorizes the request, then calls next with it on the request's context. */
  public void handle(Vertx vertx, HttpServerRequest request, BiConsumer<HttpServerRequest, UserInfo> next) {
    request.pause();
    Context context = vertx.getOrCreateContext();
    Credentials credentials = credentials(request);
    RequestInfo info = RequestInfo.derive(request.method().name(), request.path(), query(request));
    Future.fromCompletionStage(authenticator.authenticate(credentials), context).onComplete(authn -> {
      if (authn.failed() || !authn.result().authenticated()) {
        if (authn.failed()) {
          LOG.warn("authentication failed: {}", authn.cause().toString());
        } else if (authn.result().error() != null) {
          LOG.debug("unable to authenticate the request: {}", authn.result().error());
        }
        reject(request, ApiError.of(401, "Unauthorized", "Unauthorized"));
        return;
      }
      Attributes attributes = new Attributes(authn.result().user(), info);
      Future.fromCompletionStage(authorizer.authorize(attributes), context).onComplete(authz -> {
        if (authz.succeeded() && authz.result().allowed()) {
          next.accept(request, attributes.user());
          return;
        }
        String error = authz.failed() ? authz.cause().toString() : authz.result().error();
        if (error != null) {
          request.resume();
          String uri = request.uri();
          request.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
              .putHeader("X-Content-Type-Options", "nosniff")
              .end(("Internal Server Error: " + GoQuote.quote(uri) + ": " + error)
                  .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "\n");
          return;
        }
        request.response().putHeader("X-Content-Type-Options", "nosniff");
        reject(request, Forbidden.of(attributes, authz.result().reason()));
      });
    });
  }

  private static void reject(HttpServerRequest request, ApiError error) {
    request.resume();
    Responses.error(request.response(), null, error);
  }

  private static final String PEER_CHAIN = "io.milo.crm.peer-chain";

  static Credentials credentials(HttpServerRequest request) {
    List<X509Certificate> chain = request.isSSL() ? peerChain(request.connection().sslSession()) : List.of();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      headers.put(name, request.headers().getAll(name));
    }
    return new Credentials(chain, headers);
  }

  /**
   * The client's certificate chain, remembered in the TLS session: asking the session costs an
   * exception per request when the client sent none, and the chain cannot change within a session.
   */
  @SuppressWarnings("unchecked")
  private static List<X509Certificate> peerChain(SSLSession session) {
    if (session == null) {
      return List.of();
    }
    Object remembered = session.getValue(PEER_CHAIN);
    if (remembered instanceof List<?> list) {
      return (List<X509Certificate>) list;
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate certificate : session.getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      // No client certificate.
    }
    List<X509Certificate> frozen = List.copyOf(chain);
    session.putValue(PEER_CHAIN, frozen);
    return frozen;
  }

  private static Map<String, List<String>> query(HttpServerRequest request) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : request.params().names()) {
      query.put(name, request.params().getAll(name));
    }
    return query;
  }
}
