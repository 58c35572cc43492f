package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OpenApiDocuments is the OpenAPI the server publishes for its kinds, built once at startup from the
 * kind declarations and then served from memory (the aggregator downloads it as
 * {@code system:aggregator}; kubectl explain and kubectl's server-side field validation check read
 * it). It is what the kube-apiserver publishes for the same kinds as CustomResourceDefinitions:
 *
 * <ul>
 *   <li>{@code /openapi/v2}: one Swagger 2.0 document for every kind, as JSON or, for clients that
 *       prefer {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf} (kubectl 1.27,
 *       client-go's {@code OpenAPISchema}) or its {@code .v1.0+protobuf} spelling, as gnostic's
 *       {@code openapi.v2.Document} protobuf ({@link GnosticV2Encoder}) with Content-Type
 *       {@code application/com.github.proto-openapi.spec.v2.v1.0+protobuf} (kube-openapi pkg/handler:
 *       the Accept clauses in goautoneg order pick the first form that matches, both forms carry the
 *       ETag of the JSON bytes, since {@code Vary: Accept} keeps caches apart; 304 on If-None-Match;
 *       406 when neither form is acceptable);
 *   <li>{@code /openapi/v3}: the root {@code {"paths":{"apis/<g>/<v>":{"serverRelativeURL":
 *       "/openapi/v3/apis/<g>/<v>?hash=<etag>"}}}}, and {@code /openapi/v3/apis/<g>/<v>} one OpenAPI
 *       3.0 document per group version (kube-openapi pkg/handler3: a wrong hash is redirected with
 *       301 to the current one, the right hash makes the answer {@code Cache-Control: public,
 *       immutable} for a year).
 * </ul>
 *
 * <p>Other answers carry {@code Cache-Control: no-cache, private}, which the kube-apiserver's
 * generic filter adds wherever a handler sets none. PATCH operations consume exactly the patch
 * types given to {@link #build}, so listing server-side apply once it is served is one more entry
 * in that list.
 */
public final class OpenApiDocuments {
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";
  /** The patch types served today: server-side apply is not implemented yet. */
  public static final List<String> SERVED_PATCH_TYPES = List.of(JSON_PATCH, MERGE_PATCH);

  /** What kube-openapi answers for both protobuf spellings it accepts. */
  public static final String V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  /** The spelling kubectl 1.27 and client-go send ({@code @} instead of {@code .}). */
  static final String V2_PROTOBUF_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
  /** kube-openapi pkg/handler's {@code accepted} list, in its order. */
  private static final List<String> V2_FORMS = List.of(ServedDocument.JSON, V2_PROTOBUF_DEPRECATED, V2_PROTOBUF);
  /** The v3 documents are served as JSON only (handler3 also offers the v3 protobuf form). */
  private static final List<String> V3_FORMS = List.of(ServedDocument.JSON);

  static final String V2_PATH = "/openapi/v2";
  static final String V3_PATH = "/openapi/v3";
  private static final Set<String> KNOWN_PATCH_TYPES = Set.of(JSON_PATCH, MERGE_PATCH, APPLY_PATCH);
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String NO_CACHE = "no-cache, private";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServedDocument v2;
  private final ServedDocument v2Protobuf;
  private final ServedDocument v3Root;
  /** Per group version, keyed "apis/<g>/<v>" as the v3 root names them. */
  private final Map<String, ServedDocument> v3;
  private final Clock clock;

  private OpenApiDocuments(ServedDocument v2, ServedDocument v2Protobuf, ServedDocument v3Root,
      Map<String, ServedDocument> v3, Clock clock) {
    this.v2 = v2;
    this.v2Protobuf = v2Protobuf;
    this.v3Root = v3Root;
    this.v3 = v3;
    this.clock = clock;
  }

  /**
   * Builds every document.
   *
   * @param kinds the kinds served, e.g. {@code Kinds.all()}
   * @param patchTypes the patch media types PATCH operations consume, e.g. {@link #SERVED_PATCH_TYPES};
   *     strategic merge patch is refused (custom resources never accept it, and kubectl would send it
   *     if listed)
   */
  public static OpenApiDocuments build(List<KindDeclaration> kinds, List<String> patchTypes) {
    return build(kinds, patchTypes, Clock.systemUTC());
  }

  static OpenApiDocuments build(List<KindDeclaration> kinds, List<String> patchTypes, Clock clock) {
    checkPatchTypes(patchTypes);
    Instant builtAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Map<String, List<KindDeclaration>> byGroupVersion = new LinkedHashMap<>();
    for (KindDeclaration kind : kinds) {
      byGroupVersion.computeIfAbsent("apis/" + kind.group() + "/" + kind.version(), gv -> new ArrayList<>()).add(kind);
    }
    ObjectNode swagger = document(kinds, patchTypes, true);
    ServedDocument v2 = ServedDocument.of(bytes(swagger), builtAt);
    ServedDocument v2Protobuf = new ServedDocument(GnosticV2Encoder.encode(swagger), v2.etag(), builtAt);
    Map<String, ServedDocument> v3 = new TreeMap<>();
    byGroupVersion.forEach((groupVersion, members) ->
        v3.put(groupVersion, ServedDocument.of(bytes(document(members, patchTypes, false)), builtAt)));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    v3.forEach((groupVersion, document) ->
        paths.putObject(groupVersion).put("serverRelativeURL", serverRelativeUrl(groupVersion, document.etag())));
    return new OpenApiDocuments(v2, v2Protobuf, ServedDocument.of(bytes(root), builtAt), Map.copyOf(v3), clock);
  }

  /**
   * The answer for a GET of {@code path}, or empty when no OpenAPI document lives there.
   *
   * @param hash the {@code hash} query parameter, or null
   * @param ifNoneMatch the If-None-Match header, or null
   * @param accept the Accept header, or null
   */
  public Optional<Answer> answer(String path, String hash, String ifNoneMatch, String accept) {
    if (V2_PATH.equals(path)) {
      return Optional.of(v2(accept, ifNoneMatch));
    }
    if (V3_PATH.equals(path)) {
      return Optional.of(v3Root(ifNoneMatch));
    }
    if (path != null && path.startsWith(V3_PATH + "/")) {
      return v3(path.substring(V3_PATH.length() + 1), hash, accept, ifNoneMatch);
    }
    return Optional.empty();
  }

  /** {@code GET /openapi/v2}: JSON or protobuf, as the Accept header prefers. */
  public Answer v2(String accept, String ifNoneMatch) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Vary", "Accept");
    Optional<String> form = MediaRanges.choose(accept, V2_FORMS);
    if (form.isEmpty()) {
      return notAcceptable(headers);
    }
    boolean json = form.get().equals(ServedDocument.JSON);
    headers.put(ServedDocument.CONTENT_TYPE, json ? ServedDocument.JSON : V2_PROTOBUF);
    headers.put("Cache-Control", NO_CACHE);
    return (json ? v2 : v2Protobuf).answer(ifNoneMatch, headers);
  }

  /** {@code GET /openapi/v3}. */
  public Answer v3Root(String ifNoneMatch) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ServedDocument.CONTENT_TYPE, ServedDocument.JSON);
    headers.put("Cache-Control", NO_CACHE);
    return v3Root.answer(ifNoneMatch, headers);
  }

  /**
   * {@code GET /openapi/v3/<groupVersionPath>}, e.g. {@code apis/crm.milo.io/v1alpha1}; empty for a
   * group version not served.
   */
  public Optional<Answer> v3(String groupVersionPath, String hash, String accept, String ifNoneMatch) {
    ServedDocument document = v3.get(groupVersionPath);
    if (document == null) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Vary", "Accept");
    if (MediaRanges.choose(accept, V3_FORMS).isEmpty()) {
      return Optional.of(notAcceptable(headers));
    }
    headers.put(ServedDocument.CONTENT_TYPE, ServedDocument.JSON);
    if (hash != null && !hash.isEmpty()) {
      if (!hash.equals(document.etag())) {
        headers.put("ETag", EntityTags.quoted(document.etag()));
        headers.put("Location", serverRelativeUrl(groupVersionPath, document.etag()));
        headers.put("Cache-Control", NO_CACHE);
        return Optional.of(Answer.empty(301, headers));
      }
      headers.put("Cache-Control", "public, immutable");
      ZonedDateTime inAYear = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusYears(1);
      headers.put("Expires", ServedDocument.HTTP_DATE.format(inAYear));
    } else {
      headers.put("Cache-Control", NO_CACHE);
    }
    return Optional.of(document.answer(ifNoneMatch, headers));
  }

  /** The group versions with a v3 document, as the v3 root names them ("apis/<g>/<v>"). */
  public Set<String> v3GroupVersions() {
    return new TreeSet<>(v3.keySet());
  }

  private static Answer notAcceptable(Map<String, String> headers) {
    headers.put("Cache-Control", NO_CACHE);
    return Answer.empty(406, headers);
  }

  /** handler3's constructServerRelativeURL; the hash is hex, so it needs no escaping. */
  static String serverRelativeUrl(String groupVersionPath, String etag) {
    return V3_PATH + "/" + groupVersionPath + "?hash=" + etag;
  }

  private static ObjectNode document(List<KindDeclaration> kinds, List<String> patchTypes, boolean v2) {
    List<Route> routes = new ArrayList<>();
    Map<String, ObjectNode> definitions = new LinkedHashMap<>(MetaDefinitions.all());
    for (KindDeclaration kind : kinds) {
      routes.addAll(ResourceRoutes.of(kind, patchTypes));
      definitions.put(DefinitionNames.of(kind.group(), kind.version(), kind.kind()), KindSchemas.kind(kind, v2));
      definitions.put(DefinitionNames.of(kind.group(), kind.version(), DefinitionNames.listKind(kind.kind())),
          KindSchemas.list(kind));
    }
    return v2 ? SwaggerV2Writer.write(routes, definitions) : OpenApiV3Writer.write(routes, definitions);
  }

  private static void checkPatchTypes(List<String> patchTypes) {
    Objects.requireNonNull(patchTypes, "patchTypes");
    if (patchTypes.isEmpty()) {
      throw new IllegalArgumentException("PATCH must consume at least one patch type");
    }
    for (String type : patchTypes) {
      if (STRATEGIC_MERGE_PATCH.equals(type)) {
        throw new IllegalArgumentException("custom resources do not support " + type
            + "; listing it would make kubectl send strategic merge patches");
      }
      if (!KNOWN_PATCH_TYPES.contains(type)) {
        throw new IllegalArgumentException("unknown patch type " + type + "; expected some of " + KNOWN_PATCH_TYPES);
      }
    }
  }

  private static byte[] bytes(ObjectNode document) {
    try {
      return JSON.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an OpenAPI document", e);
    }
  }
}
