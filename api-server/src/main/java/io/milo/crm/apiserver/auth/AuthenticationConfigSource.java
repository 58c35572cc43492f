package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthenticationConfigSource keeps the current {@link AuthenticationConfig}: it reads the ConfigMap
 * kube-system/extension-apiserver-authentication from the main apiserver (when there is one) and the
 * CA files, and reads them again periodically, so a rotated CA or a changed front-proxy setting takes
 * effect without a restart (upstream follows the ConfigMap with an informer and the files with
 * dynamiccertificates). A read that fails keeps the last good settings.
 */
public final class AuthenticationConfigSource implements Supplier<AuthenticationConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationConfigSource.class);
  static final String CONFIG_MAP_PATH = "/api/v1/namespaces/" + AuthenticationConfig.NAMESPACE + "/configmaps/"
      + AuthenticationConfig.CONFIG_MAP;

  private final Vertx vertx;
  private final KubeApi api;
  private final AuthenticationFiles files;
  private final AtomicReference<AuthenticationConfig> current = new AtomicReference<>(AuthenticationConfig.NONE);
  private final AtomicReference<AuthenticationConfig> fromCluster = new AtomicReference<>(null);
  private long timer = -1;

  /** @param api the main apiserver, or null outside a cluster */
  public AuthenticationConfigSource(Vertx vertx, KubeApi api, AuthenticationFiles files) {
    this.vertx = vertx;
    this.api = api;
    this.files = files;
    current.set(files.over(null));
  }

  /** Reads everything once, then again every interval. */
  public Future<Void> start(Duration interval) {
    return refresh().onComplete(v -> timer = vertx.setPeriodic(interval.toMillis(), id -> refresh()));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  @Override
  public AuthenticationConfig get() {
    return current.get();
  }

  /** Reads the ConfigMap (if any) and the files; always completes. */
  Future<Void> refresh() {
    Promise<Void> done = Promise.promise();
    if (api == null) {
      apply();
      done.complete();
      return done.future();
    }
    api.get(CONFIG_MAP_PATH).whenComplete((response, failure) -> {
      if (failure != null) {
        LOG.warn("could not read the ConfigMap {}/{}: {}", AuthenticationConfig.NAMESPACE,
            AuthenticationConfig.CONFIG_MAP, failure.toString());
      } else if (response.status() == 404) {
        fromCluster.set(AuthenticationConfig.NONE);
      } else if (response.status() != 200 || response.body() == null) {
        LOG.warn("could not read the ConfigMap {}/{}: HTTP {}", AuthenticationConfig.NAMESPACE,
            AuthenticationConfig.CONFIG_MAP, response.status());
      } else {
        try {
          fromCluster.set(AuthenticationConfig.fromConfigMap(data(response.body())));
        } catch (RuntimeException e) {
          LOG.warn("the ConfigMap {}/{} is not usable, keeping the previous settings: {}",
              AuthenticationConfig.NAMESPACE, AuthenticationConfig.CONFIG_MAP, e.getMessage());
        }
      }
      apply();
      done.complete();
    });
    return done.future();
  }

  private void apply() {
    try {
      current.set(files.over(fromCluster.get()));
    } catch (RuntimeException e) {
      LOG.warn("could not read the authentication CA files, keeping the previous settings: {}", e.getMessage());
    }
  }

  private static Map<String, String> data(JsonNode configMap) {
    Map<String, String> data = new LinkedHashMap<>();
    configMap.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }
}
