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
  static final Parameter SERVICE_NAME = new Parameter("service-name", "CRM_SERVICE_NAME", "milo-crm-apiserver",
      "the Service in front of the server; the self-signed certificate names <service>.<namespace>.svc");
  static final Parameter SERVICE_NAMESPACE = new Parameter("service-namespace", "CRM_SERVICE_NAMESPACE", null,
      "the Service's namespace; unset: POD_NAMESPACE or the pod's service-account namespace file, if any");
  static final Parameter ANONYMOUS_AUTH = new Parameter("anonymous-auth", "CRM_ANONYMOUS_AUTH", "false",
      "true: a request without credentials is system:anonymous (group system:unauthenticated) instead of 401");
  static final Parameter TOKEN_AUTH_FILE = new Parameter("token-auth-file", "CRM_TOKEN_AUTH_FILE", null,
      "static bearer tokens, kube-apiserver CSV format: token,user,uid,\"group1,group2\"");
  static final Parameter POLICY_FILE = new Parameter("authorization-policy-file", "CRM_AUTHORIZATION_POLICY_FILE", null,
      "ABAC-style policy, one JSON object per line: {\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\","
      + "\"kind\":\"Policy\",\"spec\":{\"user\":\"bob\",\"group\":\"\",\"readonly\":true,\"apiGroup\":\"*\","
      + "\"resource\":\"*\",\"namespace\":\"*\",\"nonResourcePath\":\"*\"}} (optional \"verbs\":[...] replaces"
      + " readonly). Unset and no main apiserver: every authenticated user may do everything (development only)."
      + " system:masters and /healthz, /livez, /readyz are always allowed");
  static final Parameter CLIENT_CA_FILE = new Parameter("client-ca-file", "CRM_CLIENT_CA_FILE", null,
      "PEM CAs for client certificates (user = CN, groups = O); unset: client-ca-file of the ConfigMap"
      + " kube-system/extension-apiserver-authentication when in a cluster. Re-read when it changes");
  static final Parameter REQUESTHEADER_CA_FILE = new Parameter("requestheader-client-ca-file",
      "CRM_REQUESTHEADER_CLIENT_CA_FILE", null,
      "PEM CAs of the front proxy's client certificate; only then are the request headers trusted."
      + " Unset: the ConfigMap's requestheader-* keys when in a cluster");
  static final Parameter REQUESTHEADER_ALLOWED_NAMES = new Parameter("requestheader-allowed-names",
      "CRM_REQUESTHEADER_ALLOWED_NAMES", "", "comma-separated common names the front proxy may have; empty: any");
  static final Parameter REQUESTHEADER_USERNAME_HEADERS = new Parameter("requestheader-username-headers",
      "CRM_REQUESTHEADER_USERNAME_HEADERS", "X-Remote-User", "comma-separated headers holding the user name");
  static final Parameter REQUESTHEADER_GROUP_HEADERS = new Parameter("requestheader-group-headers",
      "CRM_REQUESTHEADER_GROUP_HEADERS", "X-Remote-Group", "comma-separated headers holding the groups");
  static final Parameter REQUESTHEADER_EXTRA_PREFIX = new Parameter("requestheader-extra-headers-prefix",
      "CRM_REQUESTHEADER_EXTRA_HEADERS_PREFIX", "X-Remote-Extra-", "comma-separated prefixes of extra-value headers");
  static final Parameter REQUESTHEADER_UID_HEADERS = new Parameter("requestheader-uid-headers",
      "CRM_REQUESTHEADER_UID_HEADERS", "X-Remote-Uid", "comma-separated headers holding the uid");
  static final Parameter AUTHENTICATION_KUBECONFIG = new Parameter("authentication-kubeconfig",
      "CRM_AUTHENTICATION_KUBECONFIG", null,
      "kubeconfig of the main apiserver for TokenReview and the authentication ConfigMap;"
      + " unset: the pod's service account when KUBERNETES_SERVICE_HOST is set");
  static final Parameter AUTHORIZATION_KUBECONFIG = new Parameter("authorization-kubeconfig",
      "CRM_AUTHORIZATION_KUBECONFIG", null,
      "kubeconfig of the main apiserver for SubjectAccessReview; unset: as for authentication");
  static final Parameter DELEGATED_AUTH = new Parameter("delegated-auth", "CRM_DELEGATED_AUTH", "auto",
      "auto: delegate to the main apiserver when a kubeconfig flag is set or in a cluster; false: never");
  static final List<Parameter> ALL = List.of(BIND_ADDRESS, PORT, DB_URL, DATA_DIR, TLS_CERT_FILE, TLS_KEY_FILE,
      MAX_REQUESTS_INFLIGHT, MAX_MUTATING_REQUESTS_INFLIGHT, SERVICE_NAME, SERVICE_NAMESPACE, ANONYMOUS_AUTH,
      TOKEN_AUTH_FILE, POLICY_FILE, CLIENT_CA_FILE, REQUESTHEADER_CA_FILE, REQUESTHEADER_ALLOWED_NAMES,
      REQUESTHEADER_USERNAME_HEADERS, REQUESTHEADER_GROUP_HEADERS, REQUESTHEADER_EXTRA_PREFIX,
      REQUESTHEADER_UID_HEADERS, AUTHENTICATION_KUBECONFIG, AUTHORIZATION_KUBECONFIG, DELEGATED_AUTH, NEWSLETTER_GROUP);

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
    for (Parameter bool : List.of(ANONYMOUS_AUTH)) {
      if (!values.get(bool).equals("true") && !values.get(bool).equals("false")) {
        errors.add("--" + bool.flag() + " must be true or false, got " + values.get(bool));
      }
    }
    if (!values.get(DELEGATED_AUTH).equals("auto") && !values.get(DELEGATED_AUTH).equals("false")) {
      errors.add("--delegated-auth must be auto or false, got " + values.get(DELEGATED_AUTH));
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

  /** The flag table of docs/operations.md, generated from the declarations (OperationsDocTest keeps it current). */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder("| flag | environment variable | default | meaning |\n| --- | --- | --- | --- |\n");
    for (Parameter p : ALL) {
      String value = p.defaultValue() == null || p.defaultValue().isEmpty() ? "" : "`" + p.defaultValue() + "`";
      out.append("| `--").append(p.flag()).append("` | `").append(p.env()).append("` | ").append(value).append(" | ")
          .append(p.help().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
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

  public String serviceName() {
    return values.get(SERVICE_NAME);
  }

  /** The Service's namespace as given, or null. */
  public String serviceNamespace() {
    String namespace = values.get(SERVICE_NAMESPACE);
    return namespace == null || namespace.isEmpty() ? null : namespace;
  }

  public boolean anonymousAuth() {
    return Boolean.parseBoolean(values.get(ANONYMOUS_AUTH));
  }

  public Path tokenAuthFile() {
    return path(TOKEN_AUTH_FILE);
  }

  public Path authorizationPolicyFile() {
    return path(POLICY_FILE);
  }

  public Path clientCaFile() {
    return path(CLIENT_CA_FILE);
  }

  public Path requestHeaderClientCaFile() {
    return path(REQUESTHEADER_CA_FILE);
  }

  public List<String> requestHeaderAllowedNames() {
    return list(REQUESTHEADER_ALLOWED_NAMES);
  }

  public List<String> requestHeaderUsernameHeaders() {
    return list(REQUESTHEADER_USERNAME_HEADERS);
  }

  public List<String> requestHeaderGroupHeaders() {
    return list(REQUESTHEADER_GROUP_HEADERS);
  }

  public List<String> requestHeaderExtraHeadersPrefix() {
    return list(REQUESTHEADER_EXTRA_PREFIX);
  }

  public List<String> requestHeaderUidHeaders() {
    return list(REQUESTHEADER_UID_HEADERS);
  }

  public Path authenticationKubeconfig() {
    return path(AUTHENTICATION_KUBECONFIG);
  }

  public Path authorizationKubeconfig() {
    return path(AUTHORIZATION_KUBECONFIG);
  }

  /** Whether the main apiserver may be used for authentication and authorization. */
  public boolean delegatedAuth() {
    return values.get(DELEGATED_AUTH).equals("auto");
  }

  private Path path(Parameter p) {
    String file = values.get(p);
    return file == null || file.isEmpty() ? null : Path.of(file);
  }

  private List<String> list(Parameter p) {
    String value = values.get(p);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
