package io.milo.crm.apiserver.discovery;

import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.negotiation.DiscoveryFormat;
import io.milo.crm.apiserver.negotiation.Negotiation;
import io.milo.crm.apiserver.negotiation.NotAcceptable;
import io.milo.crm.apiserver.negotiation.StatusBody;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Discovery answers the discovery endpoints: the legacy documents ({@code /apis}, {@code /apis/<g>},
 * {@code /apis/<g>/<v>}) and aggregated discovery at {@code /apis} (apidiscovery.k8s.io v2 and v2beta1).
 * Every document is built once from the kind declarations and served from memory: the aggregator probes
 * {@code /apis/<g>/<v>} every 30 s and a slow answer stalls namespace deletion cluster-wide. It knows no
 * HTTP server: {@link #answer} returns the status, headers and body to write.
 */
public final class Discovery {
  /**
   * The verbs the kube-apiserver advertises for a custom resource, in the order it writes them
   * (customresource_discovery_controller.go; built-in resources list theirs sorted).
   */
  public static final List<String> RESOURCE_VERBS =
      List.of("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");

  /** The verbs of a {@code <plural>/status} subresource. */
  public static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private static final String JSON = "application/json";

  private final Map<String, String> legacy;
  private final Map<String, byte[]> legacyBodies = new LinkedHashMap<>();
  private final AggregatedDocument aggregated;
  private final Map<DiscoveryFormat, byte[]> aggregatedBodies = new LinkedHashMap<>();

  /**
   * @param kinds the declarations
   * @param verbs the verbs every resource serves (only those fully implemented; {@link #RESOURCE_VERBS}
   *     when all are)
   * @param statusVerbs the verbs of each {@code <plural>/status} subresource ({@link #STATUS_VERBS})
   */
  public Discovery(List<KindDeclaration> kinds, List<String> verbs, List<String> statusVerbs) {
    legacy = LegacyDocuments.build(kinds, List.copyOf(verbs), List.copyOf(statusVerbs));
    legacy.forEach((path, json) -> legacyBodies.put(path, line(json)));
    aggregated = new AggregatedDocument(kinds, List.copyOf(verbs), List.copyOf(statusVerbs));
    for (DiscoveryFormat format : List.of(DiscoveryFormat.AGGREGATED_V2, DiscoveryFormat.AGGREGATED_V2BETA1)) {
      aggregatedBodies.put(format, line(aggregated.json(format.version())));
    }
  }

  /** The legacy JSON document at path, if discovery serves path. */
  public Optional<String> document(String path) {
    return Optional.ofNullable(legacy.get(trim(path)));
  }

  /**
   * The answer to a GET of path, or empty when path is not a discovery path.
   *
   * <ul>
   *   <li>Legacy: 200, {@code Content-Type: application/json}, the document and a newline (Go's JSON
   *       encoder ends with one); no ETag, as upstream's legacy handlers send none.
   *   <li>Aggregated (only at {@code /apis}): 200, Content-Type
   *       {@code application/json;g=apidiscovery.k8s.io;v=<v>;as=APIGroupDiscoveryList}, {@code ETag},
   *       {@code Vary: Accept}, {@code Cache-Control: public}; 304 with those three headers and no body when
   *       If-None-Match is exactly the ETag (upstream compares the header as a whole string).
   *   <li>Nothing acceptable: 406, {@code Content-Type: application/json}, an indented Status.
   * </ul>
   *
   * @param accept the Accept header, null when absent
   * @param ifNoneMatch the If-None-Match header, null when absent
   */
  public Optional<Answer> answer(String path, String accept, String ifNoneMatch) {
    String key = trim(path);
    byte[] document = legacyBodies.get(key);
    if (document == null) {
      return Optional.empty();
    }
    DiscoveryFormat format;
    try {
      format = Negotiation.discovery(accept, key.equals("/apis"));
    } catch (NotAcceptable e) {
      return Optional.of(new Answer(e.code(), Map.of("Content-Type", JSON), StatusBody.indented(e)));
    }
    if (format == DiscoveryFormat.LEGACY) {
      return Optional.of(new Answer(200, Map.of("Content-Type", JSON), document));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", aggregated.etag());
    headers.put("Vary", "Accept");
    headers.put("Cache-Control", "public");
    if (aggregated.etag().equals(ifNoneMatch)) {
      return Optional.of(new Answer(304, headers, new byte[0]));
    }
    headers.put("Content-Type", JSON + ";g=apidiscovery.k8s.io;v=" + format.version() + ";as=APIGroupDiscoveryList");
    return Optional.of(new Answer(200, headers, aggregatedBodies.get(format)));
  }

  /**
   * What to write back.
   *
   * @param status the HTTP status
   * @param headers the response headers (unmodifiable)
   * @param body the body, empty for 304 (do not modify: it is shared)
   */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public Answer {
      headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers)));
      Objects.requireNonNull(body, "body");
    }

    /** The body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Answer that && status == that.status && headers.equals(that.headers)
          && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "Answer[status=" + status + ", headers=" + headers + ", body=" + text() + "]";
    }
  }

  /** What the kube-apiserver advertises as storageVersionHash for a kind. */
  static String storageVersionHash(String apiVersion, String kind) {
    return LegacyDocuments.storageVersionHash(apiVersion, kind);
  }

  private static String trim(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static byte[] line(String json) {
    return (json + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
