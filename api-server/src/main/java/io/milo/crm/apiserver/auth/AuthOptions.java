package io.milo.crm.apiserver.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * AuthOptions are the settings of authentication and authorization as the server starts them.
 *
 * @param adminToken the standalone admin token (always accepted, as a member of system:masters)
 * @param tokenFile a kube static token file, or null
 * @param policyFile an ABAC-style policy file ({@link PolicyFile}), or null
 * @param anonymous whether a request without credentials is system:anonymous (else 401)
 * @param files the CA files and front-proxy header settings given by flags
 * @param authentication the main apiserver for TokenReview and the authentication ConfigMap, or null
 * @param authorization the main apiserver for SubjectAccessReview, or null
 * @param tokenCacheTtl how long TokenReview answers (either way) are kept
 * @param allowCacheTtl how long SubjectAccessReview allows are kept
 * @param denyCacheTtl how long other SubjectAccessReview answers are kept
 * @param configRefresh how often the ConfigMap and CA files are read again
 */
public record AuthOptions(TokenAuthenticator adminToken, Path tokenFile, Path policyFile, boolean anonymous,
    AuthenticationFiles files, KubeConnection authentication, KubeConnection authorization, Duration tokenCacheTtl,
    Duration allowCacheTtl, Duration denyCacheTtl, Duration configRefresh, Clock clock) {
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONFIG_REFRESH = Duration.ofSeconds(10);

  /** The standalone default: the admin token only, every authenticated user allowed everything. */
  public static AuthOptions standalone(TokenAuthenticator adminToken) {
    return new AuthOptions(adminToken, null, null, false, AuthenticationFiles.NONE, null, null, DEFAULT_CACHE_TTL,
        DEFAULT_CACHE_TTL, DEFAULT_CACHE_TTL, DEFAULT_CONFIG_REFRESH, Clock.systemUTC());
  }
}
