package io.milo.crm.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.milo.crm.apiserver.PrivateFiles;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.milo.crm.admission.UserInfo;

/**
 * TokenAuthenticator is the standalone server's development authenticator: one generated admin
 * bearer token, kept in the data directory (mode 600) and written into the local kubeconfig. The
 * comparison takes the same time whatever the guess.
 */
public final class TokenAuthenticator implements TokenVerifier {
  /** Who the admin token authenticates as: a member of system:masters, allowed everything. */
  public static final UserInfo ADMIN = new UserInfo("admin", "", List.of("system:masters", "system:authenticated"),
      Map.of());

  private final byte[] token;

  private TokenAuthenticator(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** The token in dir/admin-token, generated when missing. */
  public static TokenAuthenticator adminToken(Path dir) {
    Path file = dir.resolve("admin-token");
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        PrivateFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      }
      return new TokenAuthenticator(Files.readString(file).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or write the admin token in " + dir, e);
    }
  }

  public String token() {
    return new String(token, StandardCharsets.UTF_8);
  }

  /** Whether an Authorization header carries this token. */
  public boolean accepts(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  @Override
  public CompletionStage<Authentication> verify(String given) {
    boolean same = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    return CompletableFuture.completedFuture(same ? Authentication.of(ADMIN) : Authentication.none());
  }
}
