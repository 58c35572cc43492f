package io.milo.crm.sync;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SyncOptions are the sync process's settings. Each is declared once in {@link #PARAMETERS} with its
 * flag, environment variable, default and one-line doc; a flag wins over its variable. API keys and
 * webhook secrets are secrets: they are never logged, and {@link #toString()} does not print them.
 */
public final class SyncOptions {
  /** One setting: {@code --flag}, its environment variable, default (null: unset) and what it is. */
  public record Parameter(String flag, String env, String defaultValue, String doc) {}

  public static final List<Parameter> PARAMETERS = List.of(
      new Parameter("kubeconfig", "KUBECONFIG", null, "kubeconfig of the API server; unset: in-cluster service account"),
      new Parameter("resend-api-key", "RESEND_API_KEY", null, "Resend API key; unset disables Resend"),
      new Parameter("resend-base-url", "RESEND_BASE_URL", "https://api.resend.com", "Resend API base URL"),
      new Parameter("resend-rate", "RESEND_RATE", "1.8", "Resend calls per second (Resend allows 2)"),
      new Parameter("resend-webhook-secret", "RESEND_WEBHOOK_SECRET", null, "Svix signing secret (whsec_...) of Resend webhooks"),
      new Parameter("loops-api-key", "LOOPS_API_KEY", null, "Loops API key; unset disables Loops"),
      new Parameter("loops-base-url", "LOOPS_BASE_URL", "https://app.loops.so/api/v1", "Loops API base URL"),
      new Parameter("loops-rate", "LOOPS_RATE", "9", "Loops calls per second (Loops allows 10)"),
      new Parameter("loops-webhook-secret", "LOOPS_WEBHOOK_SECRET", null, "Standard Webhooks secret (whsec_...) of Loops webhooks"),
      new Parameter("max-in-flight", "SYNC_MAX_IN_FLIGHT", "4", "provider calls in flight at once, per provider"),
      new Parameter("workers", "SYNC_WORKERS", "2", "reconcile workers per kind"),
      new Parameter("resync-period", "SYNC_RESYNC_SECONDS", "300", "seconds between resyncs of every object from the cache (no provider calls for objects in sync)"),
      new Parameter("verify-period", "SYNC_VERIFY_SECONDS", "86400", "seconds between checks, per object, that the providers still hold an object in sync (spread over the period)"),
      new Parameter("bind-address", "SYNC_BIND_ADDRESS", "0.0.0.0", "address of the HTTPS endpoint (webhooks, /metrics, /healthz)"),
      new Parameter("port", "SYNC_PORT", "8443", "port of the HTTPS endpoint (0: any free port)"),
      new Parameter("tls-cert-file", "SYNC_TLS_CERT_FILE", null, "PEM certificate of the endpoint; unset: self-signed"),
      new Parameter("tls-private-key-file", "SYNC_TLS_KEY_FILE", null, "PEM private key of the endpoint"));

  private final Map<String, String> values;

  private SyncOptions(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code --flag=value} arguments over the environment; reports every bad argument at once. */
  public static SyncOptions parse(String[] args, Function<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : PARAMETERS) {
      String v = env.apply(p.env());
      values.put(p.flag(), v != null && !v.isBlank() ? v : p.defaultValue());
    }
    List<String> errors = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String flag = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
      if (flag == null || PARAMETERS.stream().noneMatch(p -> p.flag().equals(flag))) {
        errors.add("unknown argument " + (eq > 0 ? arg.substring(0, eq) : arg));
      } else {
        values.put(flag, arg.substring(eq + 1));
      }
    }
    SyncOptions options = new SyncOptions(values);
    errors.addAll(options.validate());
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return options;
  }

  private List<String> validate() {
    List<String> errors = new ArrayList<>();
    for (String f : List.of("resend-rate", "loops-rate", "max-in-flight", "workers", "resync-period", "port")) {
      try {
        if (Double.parseDouble(values.get(f)) < (f.equals("port") ? 0 : 0.001)) {
          errors.add("--" + f + " must be positive");
        }
      } catch (NumberFormatException e) {
        errors.add("--" + f + " is not a number: " + values.get(f));
      }
    }
    for (String f : List.of("resend-base-url", "loops-base-url")) {
      try {
        URI.create(values.get(f)).toURL();
      } catch (Exception e) {
        errors.add("--" + f + " is not a URL");
      }
    }
    if ((get("tls-cert-file") == null) != (get("tls-private-key-file") == null)) {
      errors.add("--tls-cert-file and --tls-private-key-file go together");
    }
    return errors;
  }

  public String get(String flag) {
    return values.get(flag);
  }

  public double number(String flag) {
    return Double.parseDouble(values.get(flag));
  }

  public int integer(String flag) {
    return (int) number(flag);
  }

  public Duration resyncPeriod() {
    return Duration.ofSeconds((long) number("resync-period"));
  }

  public Duration verifyPeriod() {
    return Duration.ofSeconds((long) number("verify-period"));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SyncOptions{");
    values.forEach((k, v) -> s.append(k).append('=')
        .append(k.endsWith("key") || k.endsWith("secret") ? (v == null ? "unset" : "<set>") : v).append(", "));
    return s.append('}').toString();
  }
}
