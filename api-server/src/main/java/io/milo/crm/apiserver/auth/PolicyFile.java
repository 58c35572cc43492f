package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PolicyFile is the standalone server's static authorization: the kube-apiserver's ABAC policy file
 * format (--authorization-policy-file; k8s.io/kubernetes pkg/auth/authorizer/abac/abac.go), one JSON
 * object per line, blank lines and lines starting with # ignored:
 *
 * <pre>{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy",
 *  "spec":{"user":"bob","group":"","readonly":true,"apiGroup":"crm.milo.io","resource":"people",
 *          "namespace":"*","nonResourcePath":""}}</pre>
 *
 * A policy matches a user when its user is the name or "*", or its group one of the user's groups or
 * "*" (at least one of the two given); a resource request when namespace, resource and apiGroup each
 * equal the request's or are "*"; a non-resource request when nonResourcePath is "*", the path, or a
 * prefix ending in "*". As in ABAC, read-only verbs (get, list, watch) pass any matching policy and
 * other verbs need {@code readonly: false}. One addition to ABAC: an optional {@code "verbs"} array
 * in spec (names or "*") which, when given, replaces the read-only rule. Nothing matching is no
 * opinion with the reason "No policy matched.".
 */
public final class PolicyFile implements Authorizer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One policy line's spec. */
  record Policy(String user, String group, boolean readonly, String apiGroup, String resource, String namespace,
      String nonResourcePath, List<String> verbs) {}

  private final List<Policy> policies;

  PolicyFile(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  public static PolicyFile read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the policy file " + file, e);
    }
  }

  static PolicyFile parse(String text, String source) {
    List<Policy> policies = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\r?\n")) {
      number++;
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        JsonNode spec = JSON.readTree(trimmed).path("spec");
        if (!spec.isObject()) {
          throw new IllegalArgumentException("no spec");
        }
        List<String> verbs = null;
        if (spec.has("verbs")) {
          verbs = new ArrayList<>();
          for (JsonNode verb : spec.path("verbs")) {
            verbs.add(verb.asText());
          }
        }
        policies.add(new Policy(spec.path("user").asText(""), spec.path("group").asText(""),
            spec.path("readonly").asBoolean(false), spec.path("apiGroup").asText(""),
            spec.path("resource").asText(""), spec.path("namespace").asText(""),
            spec.path("nonResourcePath").asText(""), verbs));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("policy file " + source + " line " + number + " is not a policy: "
            + e.getMessage(), e);
      }
    }
    return new PolicyFile(policies);
  }

  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    for (Policy policy : policies) {
      if (subjectMatches(policy, attributes) && verbMatches(policy, attributes.request())
          && (resourceMatches(policy, attributes.request()) || nonResourceMatches(policy, attributes.request()))) {
        return CompletableFuture.completedFuture(Decision.allow(""));
      }
    }
    return CompletableFuture.completedFuture(Decision.noOpinion("No policy matched."));
  }

  private static boolean subjectMatches(Policy policy, Attributes attributes) {
    if (attributes.user() == null) {
      return false;
    }
    boolean matched = false;
    if (!policy.user().isEmpty()) {
      matched = policy.user().equals("*") || policy.user().equals(attributes.user().name());
      if (!matched) {
        return false;
      }
    }
    if (!policy.group().isEmpty()) {
      matched = policy.group().equals("*") || attributes.user().groups().contains(policy.group());
      if (!matched) {
        return false;
      }
    }
    return matched;
  }

  private static boolean verbMatches(Policy policy, RequestInfo request) {
    if (policy.verbs() != null) {
      return policy.verbs().contains("*") || policy.verbs().contains(request.verb());
    }
    return request.readOnly() || !policy.readonly();
  }

  private static boolean resourceMatches(Policy policy, RequestInfo request) {
    return request.resourceRequest()
        && (policy.namespace().equals("*") || policy.namespace().equals(request.namespace()))
        && (policy.resource().equals("*") || policy.resource().equals(request.resource()))
        && (policy.apiGroup().equals("*") || policy.apiGroup().equals(request.apiGroup()));
  }

  private static boolean nonResourceMatches(Policy policy, RequestInfo request) {
    if (request.resourceRequest()) {
      return false;
    }
    String path = policy.nonResourcePath();
    if (path.equals("*") || path.equals(request.path())) {
      return true;
    }
    return path.endsWith("*") && request.path().startsWith(path.replaceAll("\\*+$", ""));
  }
}
