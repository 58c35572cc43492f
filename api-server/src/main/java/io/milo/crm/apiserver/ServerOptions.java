package io.milo.crm.apiserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ServerOptions are the server's settings. Each is declared once below with its flag, its
 * environment variable and its default; a flag beats the variable, the variable beats the default.
 */
public final class ServerOptions {
  /** One setting: flag name, environment variable, default (null: none), and what it is. */
  record Parameter(String flag, String env, String defaultValue, String help) {}

  static final Parameter BIND_ADDRESS = new Parameter("bind-address", "CRM_BIND_ADDRESS", "127.0.0.1",
      "address to listen on");
  static final Parameter PORT = new Parameter("port", "CRM_PORT", "8443", "port to listen on");
  static final Parameter DB_URL = new Parameter("db-url", "CRM_DB_URL", null,
      "PostgreSQL URL (postgresql://user:password@host:port/database); unset: an embedded PostgreSQL in --data-dir");
  static final Parameter DATA_DIR = new Parameter("data-dir", "CRM_DATA_DIR", ".local",
      "directory for the embedded PostgreSQL's data and generated files");
  static final Parameter TLS_CERT_FILE = new Parameter("tls-cert-file", "CRM_TLS_CERT_FILE", null,
      "PEM serving certificate; unset: a self-signed one kept in --data-dir");
  static final Parameter TLS_KEY_FILE = new Parameter("tls-private-key-file", "CRM_TLS_PRIVATE_KEY_FILE", null,
      "PEM private key of --tls-cert-file");
  static final Parameter MAX_REQUESTS_INFLIGHT = new Parameter("max-requests-inflight", "CRM_MAX_REQUESTS_INFLIGHT", "400",
      "non-mutating requests served at once before 429 (watches excluded)");
  static final Parameter MAX_MUTATING_REQUESTS_INFLIGHT = new Parameter("max-mutating-requests-inflight",
      "CRM_MAX_MUTATING_REQUESTS_INFLIGHT", "200", "mutating requests served at once before 429");
  static final Parameter NEWSLETTER_GROUP = new Parameter("newsletter-group", "CRM_NEWSLETTER_GROUP", "default/newsletter",
      "namespace/name of the ContactGroup people labelled crm.milo.io/source=newsletter-signup join");
  static final List<Parameter> ALL = List.of(BIND_ADDRESS, PORT, DB_URL, DATA_DIR, TLS_CERT_FILE, TLS_KEY_FILE,
      MAX_REQUESTS_INFLIGHT, MAX_MUTATING_REQUESTS_INFLIGHT, NEWSLETTER_GROUP);

  private final Map<Parameter, String> values;

  private ServerOptions(Map<Parameter, String> values) {
    this.values = values;
  }

  /** Parses flags (--name=value or --name value); reports every problem at once. */
  public static ServerOptions parse(String[] args, Function<String, String> env) {
    Map<Parameter, String> values = new LinkedHashMap<>();
    for (Parameter p : ALL) {
      String fromEnv = env.apply(p.env());
      values.put(p, fromEnv != null && !fromEnv.isEmpty() ? fromEnv : p.defaultValue());
    }
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        errors.add("unexpected argument: " + arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Parameter p = byFlag(name);
      if (p == null) {
        errors.add("unknown flag: --" + name);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          errors.add("flag --" + name + " needs a value");
          continue;
        }
        value = args[++i];
      }
      values.put(p, value);
    }
    try {
      int port = Integer.parseInt(values.get(PORT));
      if (port < 0 || port > 65535) {
        errors.add("--port must be between 0 and 65535");
      }
    } catch (NumberFormatException e) {
      errors.add("--port must be a number, got " + values.get(PORT));
    }
    for (Parameter limit : List.of(MAX_REQUESTS_INFLIGHT, MAX_MUTATING_REQUESTS_INFLIGHT)) {
      try {
        if (Integer.parseInt(values.get(limit)) < 1) {
          errors.add("--" + limit.flag() + " must be at least 1");
        }
      } catch (NumberFormatException e) {
        errors.add("--" + limit.flag() + " must be a number, got " + values.get(limit));
      }
    }
    if (!values.get(NEWSLETTER_GROUP).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      errors.add("--newsletter-group must be namespace/name, got " + values.get(NEWSLETTER_GROUP));
    }
    if ((values.get(TLS_CERT_FILE) == null) != (values.get(TLS_KEY_FILE) == null)) {
      errors.add("--tls-cert-file and --tls-private-key-file go together");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return new ServerOptions(values);
  }

  private static Parameter byFlag(String flag) {
    return ALL.stream().filter(p -> p.flag().equals(flag)).findFirst().orElse(null);
  }

  /** The --help text, generated from the declarations. */
  public static String help() {
    StringBuilder out = new StringBuilder("Usage: milo-crm-apiserver [flags]\n\nFlags (environment variable, default):\n");
    for (Parameter p : ALL) {
      out.append(String.format("  --%-31s %s (%s%s)%n", p.flag(), p.help(), p.env(),
          p.defaultValue() == null ? "" : ", default " + p.defaultValue()));
    }
    return out.toString();
  }

  public String bindAddress() {
    return values.get(BIND_ADDRESS);
  }

  public int port() {
    return Integer.parseInt(values.get(PORT));
  }

  /** The database URL, or null for the embedded database. */
  public String databaseUrl() {
    String url = values.get(DB_URL);
    return url == null || url.isEmpty() ? null : url;
  }

  /** The given certificate and key files, or null for a self-signed certificate. */
  public Path tlsCertFile() {
    String file = values.get(TLS_CERT_FILE);
    return file == null ? null : Path.of(file);
  }

  public Path tlsKeyFile() {
    String file = values.get(TLS_KEY_FILE);
    return file == null ? null : Path.of(file);
  }

  public Path dataDir() {
    return Path.of(values.get(DATA_DIR));
  }

  /** The newsletter group's namespace and name. */
  public String[] newsletterGroup() {
    return values.get(NEWSLETTER_GROUP).split("/", 2);
  }

  public int maxRequestsInflight() {
    return Integer.parseInt(values.get(MAX_REQUESTS_INFLIGHT));
  }

  public int maxMutatingRequestsInflight() {
    return Integer.parseInt(values.get(MAX_MUTATING_REQUESTS_INFLIGHT));
  }
}
