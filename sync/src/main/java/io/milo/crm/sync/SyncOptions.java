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
      new Parameter("resend-rate", "RESEND_RATE", "1.8", "Resend calls per second (Resend documents 2)"),
      new Parameter("resend-burst", "RESEND_BURST", "1", "Resend calls at once after a quiet spell; burst + rate must stay <= 2 (Resend's documented limit in any second)"),
      new Parameter("resend-webhook-secret", "RESEND_WEBHOOK_SECRET", null, "Svix signing secret (whsec_...) of Resend webhooks"),
      new Parameter("loops-api-key", "LOOPS_API_KEY", null, "Loops API key; unset disables Loops"),
      new Parameter("loops-base-url", "LOOPS_BASE_URL", "https://app.loops.so/api/v1", "Loops API base URL"),
      new Parameter("loops-rate", "LOOPS_RATE", "9", "Loops calls per second (Loops documents 10)"),
      new Parameter("loops-burst", "LOOPS_BURST", "1", "Loops calls at once after a quiet spell; burst + rate must stay <= 10 (Loops' documented limit in any second)"),
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

  /**
   * Parses {@code --flag=value} arguments over the environment; reports every bad argument at once. The
   * messages never contain a value that was given (an API key or a secret may be among them, e.g.
   * {@code --resend-api-key re_...} with a space, whose value is then a stray argument): a flag is named
   * only when it is one of ours, or looks like a flag name (letters and dashes); any other argument is
   * named by its position only.
   */
  public static SyncOptions parse(String[] args, Function<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : PARAMETERS) {
      String v = env.apply(p.env());
      values.put(p.flag(), v != null && !v.isBlank() ? v : p.defaultValue());
    }
    List<String> errors = new ArrayList<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = arg.startsWith("--") ? arg.substring(2, eq > 0 ? eq : arg.length()) : null;
      boolean known = name != null && PARAMETERS.stream().anyMatch(p -> p.flag().equals(name));
      if (known && eq > 0) {
        values.put(name, arg.substring(eq + 1));
        from.put(name, "--" + name);
      } else if (known) {
        errors.add("--" + name + " needs a value: write --" + name + "=VALUE (a value after a space is not read)");
      } else if (name != null && name.matches("[a-z][a-z-]{0,63}")) {
        errors.add("unknown flag --" + name);
      } else {
        errors.add("unexpected argument #" + (i + 1) + " (not shown: it may be a secret)");
      }
    }
    SyncOptions options = new SyncOptions(values);
    errors.addAll(options.validate(from));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return options;
  }

  /** Settings that are whole numbers, with their least value. */
  private static final Map<String, Integer> INTEGERS = Map.of("resend-burst", 1, "loops-burst", 1,
      "max-in-flight", 1, "workers", 1, "resync-period", 1, "verify-period", 1, "port", 0);

  private List<String> validate(Map<String, String> from) {
    List<String> errors = new ArrayList<>();
    for (Parameter p : PARAMETERS) {
      String f = p.flag();
      String value = values.get(f);
      String where = from.getOrDefault(f, "$" + p.env());
      if (INTEGERS.containsKey(f)) {
        long n;
        try {
          n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          errors.add(where + " must be a whole number");
          continue;
        }
        if (n < INTEGERS.get(f) || n > (f.equals("port") ? 65535 : Integer.MAX_VALUE)) {
          errors.add(where + (f.equals("port") ? " must be a port (0-65535)" : " must be at least " + INTEGERS.get(f)));
        }
      } else if (f.endsWith("-rate")) {
        try {
          double r = Double.parseDouble(value.trim());
          if (!(r > 0) || Double.isInfinite(r)) {
            errors.add(where + " must be a positive number");
          }
        } catch (NumberFormatException e) {
          errors.add(where + " must be a number");
        }
      }
    }
    for (String f : List.of("resend-base-url", "loops-base-url")) {
      try {
        URI.create(values.get(f)).toURL();
      } catch (Exception e) {
        errors.add(from.getOrDefault(f, "--" + f) + " is not a URL");
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
    return Double.parseDouble(values.get(flag).trim());
  }

  public int integer(String flag) {
    return Integer.parseInt(values.get(flag).trim());
  }

  public Duration resyncPeriod() {
    return Duration.ofSeconds(integer("resync-period"));
  }

  public Duration verifyPeriod() {
    return Duration.ofSeconds(integer("verify-period"));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SyncOptions{");
    values.forEach((k, v) -> s.append(k).append('=')
        .append(k.endsWith("key") || k.endsWith("secret") ? (v == null ? "unset" : "<set>") : v).append(", "));
    return s.append('}').toString();
  }
}
