package io.milo.crm.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SyncOptionsTest {
  static final String KEY = "re_SECRET_0123456789abcdef";
  static final String LOOPS_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final String WHSEC = "whsec_c2VjcmV0LXZhbHVlLTAxMjM0NTY3ODk=";
  static final Function<String, String> NO_ENV = k -> null;

  @Test
  void defaultsFlagsAndEnvironmentAFlagWins() {
    SyncOptions defaults = SyncOptions.parse(new String[0], NO_ENV);
    assertThat(defaults.get("resend-api-key")).isNull();
    assertThat(defaults.number("resend-rate")).isEqualTo(1.8);
    assertThat(defaults.integer("resend-burst")).isEqualTo(1);
    assertThat(defaults.number("loops-rate")).isEqualTo(9);
    assertThat(defaults.integer("loops-burst")).isEqualTo(1);
    assertThat(defaults.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.verifyPeriod()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.integer("workers")).isEqualTo(2);

    Map<String, String> env = Map.of("RESEND_API_KEY", KEY, "SYNC_WORKERS", "3", "LOOPS_RATE", "5",
        "SYNC_VERIFY_SECONDS", "600");
    SyncOptions fromEnv = SyncOptions.parse(new String[0], env::get);
    assertThat(fromEnv.get("resend-api-key")).isEqualTo(KEY);
    assertThat(fromEnv.integer("workers")).isEqualTo(3);
    assertThat(fromEnv.number("loops-rate")).isEqualTo(5);
    assertThat(fromEnv.verifyPeriod()).isEqualTo(Duration.ofMinutes(10));

    SyncOptions flagWins = SyncOptions.parse(new String[] {"--workers=4", "--resend-api-key=re_other"}, env::get);
    assertThat(flagWins.integer("workers")).isEqualTo(4);
    assertThat(flagWins.get("resend-api-key")).isEqualTo("re_other");
    assertThat(SyncOptions.parse(new String[0], Map.of("SYNC_WORKERS", " ")::get).integer("workers"))
        .as("a blank variable is unset").isEqualTo(2);
  }

  @Test
  void theDefaultRatesAndBurstsAreTheProvidersDefaultLimits() {
    SyncOptions defaults = SyncOptions.parse(new String[0], NO_ENV);
    for (var provider : io.milo.crm.sync.provider.Provider.values()) {
      String name = provider.displayName().toLowerCase(java.util.Locale.ROOT);
      var limits = io.milo.crm.sync.provider.ProviderLimits.defaults(provider);
      assertThat(defaults.number(name + "-rate")).isEqualTo(limits.ratePerSecond());
      assertThat(defaults.integer(name + "-burst")).isEqualTo(limits.burst());
    }
  }

  @Test
  void nonPositiveOrFractionalCountsAreRefused() {
    for (String bad : List.of("--workers=0.5", "--max-in-flight=0.5", "--workers=0", "--max-in-flight=-1",
        "--resend-burst=0", "--loops-burst=1.5", "--resync-period=0.5", "--verify-period=0", "--port=70000",
        "--resend-rate=0", "--loops-rate=-2", "--resend-rate=abc", "--workers=NaN")) {
      assertThatThrownBy(() -> SyncOptions.parse(new String[] {bad}, NO_ENV)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.substring(0, bad.indexOf('=')));
    }
    assertThatThrownBy(() -> SyncOptions.parse(new String[0], Map.of("SYNC_WORKERS", "0.5")::get))
        .hasMessageContaining("$SYNC_WORKERS must be a whole number");
    assertThat(SyncOptions.parse(new String[] {"--port=0", "--workers=1"}, NO_ENV).integer("port")).isZero();
  }

  @Test
  void noKeyOrSecretValueEverAppearsInAnErrorOrLogLine() {
    List<String[]> mistakes = List.of(
        new String[] {"--resend-api-key", KEY}, // a space instead of =
        new String[] {"--loops-api-key", LOOPS_KEY},
        new String[] {"--resend-webhook-secret", WHSEC},
        new String[] {KEY},
        new String[] {"-resend-api-key=" + KEY},
        new String[] {"--resend-apikey=" + KEY},
        new String[] {"--" + KEY},
        new String[] {"--" + LOOPS_KEY},
        new String[] {"--resend-api-key=" + KEY, "--workers=" + KEY},
        new String[] {"--loops-api-key=" + LOOPS_KEY, "--resend-rate=" + LOOPS_KEY},
        new String[] {"--resend-base-url=" + KEY});
    for (String[] args : mistakes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SyncOptions parsed = Main.options(args, NO_ENV, new PrintStream(out, true, StandardCharsets.UTF_8));
      String said = out.toString(StandardCharsets.UTF_8);
      assertThat(parsed).as(String.join(" ", args)).isNull();
      assertThat(said).as(String.join(" ", args)).startsWith("milo-crm-sync: ")
          .doesNotContain(KEY).doesNotContain(LOOPS_KEY).doesNotContain(WHSEC);
    }
    // What the mistakes are called, without their values.
    assertThatThrownBy(() -> SyncOptions.parse(new String[] {"--resend-api-key", KEY}, NO_ENV))
        .hasMessageContaining("--resend-api-key needs a value").hasMessageContaining("argument #2");
    assertThatThrownBy(() -> SyncOptions.parse(new String[] {"--resend-apikey=x"}, NO_ENV))
        .hasMessageContaining("unknown flag --resend-apikey");
    // Bad values from the environment next to a key there.
    Map<String, String> env = Map.of("RESEND_API_KEY", KEY, "LOOPS_WEBHOOK_SECRET", WHSEC, "SYNC_WORKERS", KEY);
    assertThatThrownBy(() -> SyncOptions.parse(new String[0], env::get)).message().doesNotContain(KEY)
        .doesNotContain(WHSEC);
    // The options as the sync logs them at start.
    SyncOptions set = SyncOptions.parse(new String[] {"--resend-api-key=" + KEY, "--loops-api-key=" + LOOPS_KEY,
        "--resend-webhook-secret=" + WHSEC, "--loops-webhook-secret=" + WHSEC}, NO_ENV);
    assertThat(set.toString()).doesNotContain(KEY).doesNotContain(LOOPS_KEY).doesNotContain(WHSEC)
        .contains("resend-api-key=<set>");
  }
}
