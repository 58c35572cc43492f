package io.milo.crm.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** Kubeconfig writes a kubeconfig for the local server: its URL, its CA and the admin token. */
final class Kubeconfig {
  private Kubeconfig() {}

  static void write(Path file, String server, String caPem, String token) {
    String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    String yaml = "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: milo-crm-local\n"
        + "  cluster:\n"
        + "    server: " + server + "\n"
        + "    certificate-authority-data: " + ca + "\n"
        + "users:\n"
        + "- name: milo-crm-admin\n"
        + "  user:\n"
        + "    token: " + token + "\n"
        + "contexts:\n"
        + "- name: milo-crm-local\n"
        + "  context:\n"
        + "    cluster: milo-crm-local\n"
        + "    user: milo-crm-admin\n"
        + "current-context: milo-crm-local\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, yaml);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
