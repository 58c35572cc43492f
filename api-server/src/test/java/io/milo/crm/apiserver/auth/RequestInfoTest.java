package io.milo.crm.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The attribute table of upstream's requestinfo_test.go (TestGetAPIRequestInfo), on this server's paths. */
class RequestInfoTest {
  static Stream<Arguments> resourceRequests() {
    return Stream.of(
        // method, url, verb, group, version, namespace, resource, subresource, name
        row("GET", "/apis/crm.milo.io/v1alpha1/people", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=true", "watch", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=1", "watch", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=false", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=0", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=", "watch", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("HEAD", "/apis/crm.milo.io/v1alpha1/people/ada", "get", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("GET", "/apis/crm.milo.io/v1alpha1/people/ada", "get", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("GET", "/apis/crm.milo.io/v1alpha1/people/ada/status", "get", "crm.milo.io", "v1alpha1", "", "people", "status", "ada"),
        row("PUT", "/apis/crm.milo.io/v1alpha1/people/ada/status", "update", "crm.milo.io", "v1alpha1", "", "people", "status", "ada"),
        row("PATCH", "/apis/crm.milo.io/v1alpha1/people/ada", "patch", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("POST", "/apis/crm.milo.io/v1alpha1/people", "create", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("DELETE", "/apis/crm.milo.io/v1alpha1/people/ada", "delete", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("DELETE", "/apis/crm.milo.io/v1alpha1/people", "deletecollection", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts", "list", "notification.milo.io", "v1alpha1", "team", "contacts", "", ""),
        row("GET", "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts/c1", "get", "notification.milo.io", "v1alpha1", "team", "contacts", "", "c1"),
        row("DELETE", "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts", "deletecollection", "notification.milo.io", "v1alpha1", "team", "contacts", "", ""),
        row("GET", "/apis/notification.milo.io/v1alpha1/contacts", "list", "notification.milo.io", "v1alpha1", "", "contacts", "", ""),
        // The deprecated /watch/ prefix gives the verb by path.
        row("GET", "/apis/notification.milo.io/v1alpha1/watch/namespaces/team/contacts", "watch", "notification.milo.io", "v1alpha1", "team", "contacts", "", ""),
        row("GET", "/apis/notification.milo.io/v1alpha1/watch/namespaces/team/contacts/c1", "watch", "notification.milo.io", "v1alpha1", "team", "contacts", "", "c1"),
        // A namespace itself, and its subresources.
        row("GET", "/api/v1/namespaces", "list", "", "v1", "", "namespaces", "", ""),
        row("GET", "/api/v1/namespaces/other", "get", "", "v1", "other", "namespaces", "", "other"),
        row("PUT", "/api/v1/namespaces/other/finalize", "update", "", "v1", "other", "namespaces", "finalize", "other"),
        row("GET", "/api/v1/namespaces/other/status", "get", "", "v1", "other", "namespaces", "status", "other"),
        row("GET", "/api/v1/namespaces/other/pods", "list", "", "v1", "other", "pods", "", ""),
        // A field selector pinning metadata.name names the list or watch.
        row("GET", "/apis/crm.milo.io/v1alpha1/people?fieldSelector=metadata.name%3Dada", "list", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?watch=true&fieldSelector=metadata.name%3D%3Dada", "watch", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?fieldSelector=metadata.name!%3Dada", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?fieldSelector=metadata.namespace%3Dx,metadata.name%3Dada", "list", "crm.milo.io", "v1alpha1", "", "people", "", "ada"),
        row("GET", "/apis/crm.milo.io/v1alpha1/people?fieldSelector=metadata.name%3Da%2Fb", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("DELETE", "/apis/crm.milo.io/v1alpha1/people?fieldSelector=metadata.name%3Dada", "deletecollection", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        // Trailing slashes and an unknown method.
        row("GET", "/apis/crm.milo.io/v1alpha1/people/", "list", "crm.milo.io", "v1alpha1", "", "people", "", ""),
        row("OPTIONS", "/apis/crm.milo.io/v1alpha1/people", "", "crm.milo.io", "v1alpha1", "", "people", "", ""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("resourceRequests")
  void resourceRequestAttributes(String method, String url, String verb, String group, String version, String namespace,
      String resource, String subresource, String name) {
    RequestInfo info = derive(method, url);
    assertThat(info.resourceRequest()).isTrue();
    assertThat(List.of(info.verb(), info.apiGroup(), info.apiVersion(), info.namespace(), info.resource(),
        info.subresource(), info.name()))
        .containsExactly(verb, group, version, namespace, resource, subresource, name);
  }

  static Stream<Arguments> nonResourceRequests() {
    return Stream.of(
        Arguments.of("GET", "/", "get"),
        Arguments.of("GET", "/version", "get"),
        Arguments.of("GET", "/healthz", "get"),
        Arguments.of("GET", "/apis", "get"),
        Arguments.of("GET", "/apis/crm.milo.io", "get"),
        Arguments.of("GET", "/apis/crm.milo.io/v1alpha1", "get"),
        Arguments.of("GET", "/api", "get"),
        Arguments.of("GET", "/api/v1", "get"),
        Arguments.of("GET", "/openapi/v3/apis/crm.milo.io/v1alpha1", "get"),
        Arguments.of("POST", "/other/path", "post"),
        Arguments.of("DELETE", "/foo/bar/baz/qux", "delete"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("nonResourceRequests")
  void nonResourceRequestsUseThePathAndTheLowercaseMethod(String method, String path, String verb) {
    RequestInfo info = derive(method, path);
    assertThat(info.resourceRequest()).isFalse();
    assertThat(info.verb()).isEqualTo(verb);
    assertThat(info.path()).isEqualTo(path);
  }

  private static Arguments row(Object... values) {
    return Arguments.of(values);
  }

  /** Splits a URL as the server does: path, then %-decoded query parameters. */
  static RequestInfo derive(String method, String url) {
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    return RequestInfo.derive(method, path, query);
  }
}
