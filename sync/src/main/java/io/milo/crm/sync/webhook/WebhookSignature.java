package io.milo.crm.sync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WebhookSignature verifies the signing scheme both providers use: Svix (Resend: {@code svix-id},
 * {@code svix-timestamp}, {@code svix-signature}) and Standard Webhooks (Loops: {@code webhook-*}), which
 * is the same scheme under other header names. The signature is {@code v1,<base64 HMAC-SHA256>} of
 * {@code id.timestamp.body} with the base64 key after {@code whsec_}; the header may carry several,
 * space separated. A timestamp more than five minutes from now is refused (replay protection).
 */
public final class WebhookSignature {
  /** How far a timestamp may be from now. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** Why a delivery was refused. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private final byte[] key;

  public WebhookSignature(String secret) {
    String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    this.key = Base64.getDecoder().decode(encoded);
  }

  /** Checks a delivery; throws Invalid saying why it is refused. */
  public void verify(String id, String timestamp, String signatures, byte[] body, Instant now) throws Invalid {
    if (id == null || timestamp == null || signatures == null) {
      throw new Invalid("missing signature headers");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new Invalid("invalid timestamp");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      throw new Invalid("timestamp too old or too new");
    }
    byte[] expected = sign(id, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    for (String candidate : signatures.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma > 0 && candidate.substring(0, comma).equals("v1")
          && MessageDigest.isEqual(expected, candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
        return;
      }
    }
    throw new Invalid("no matching signature");
  }

  /** The base64 v1 signature of a delivery. */
  public String sign(String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
