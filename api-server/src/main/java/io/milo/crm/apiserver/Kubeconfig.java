package io.milo.crm.apiserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    PrivateFiles.write(file, yaml);
  }
}
