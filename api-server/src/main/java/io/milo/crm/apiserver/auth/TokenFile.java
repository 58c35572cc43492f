package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TokenFile is the kube-apiserver's static token file (--token-auth-file; k8s.io/apiserver
 * pkg/authentication/token/tokenfile): CSV lines {@code token,user,uid,"group1,group2"}, at least
 * three columns, groups optional; a line with an empty token is skipped, a repeated token's last
 * line wins.
 */
public final class TokenFile implements TokenVerifier {
  private final Map<String, UserInfo> users;

  TokenFile(Map<String, UserInfo> users) {
    this.users = Map.copyOf(users);
  }

  public static TokenFile read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the token file " + file, e);
    }
  }

  static TokenFile parse(String text, String source) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, UserInfo> users = new LinkedHashMap<>();
    int number = 0;
    for (String line : text.split("\r?\n")) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      List<String> record = csv(line, source, number);
      if (record.size() < 3) {
        throw new IllegalArgumentException("token file '" + source + "' must have at least 3 columns (token, user name,"
            + " user uid), found " + record.size());
      }
      String token = record.get(0);
      if (token.isEmpty()) {
        continue;
      }
      List<String> groups = new ArrayList<>();
      if (record.size() >= 4) {
        for (String group : record.get(3).split(",", -1)) {
          groups.add(group.trim());
        }
      }
      users.put(token, new UserInfo(record.get(1), record.get(2), groups, Map.of()));
    }
    return new TokenFile(users);
  }

  @Override
  public CompletionStage<Authentication> verify(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    for (var entry : users.entrySet()) {
      if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
        return CompletableFuture.completedFuture(Authentication.of(entry.getValue()));
      }
    }
    return CompletableFuture.completedFuture(Authentication.none());
  }

  /** One CSV record (RFC 4180 quotes, leading spaces of a field trimmed as Go's TrimLeadingSpace). */
  private static List<String> csv(String line, String source, int number) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("token file '" + source + "' line " + number + ": unterminated quote");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= line.length()) {
        return fields;
      }
      if (line.charAt(i) != ',') {
        throw new IllegalArgumentException("token file '" + source + "' line " + number + ": extraneous text after a quoted field");
      }
      i++;
    }
  }
}
