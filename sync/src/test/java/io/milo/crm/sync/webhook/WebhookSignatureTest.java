package io.milo.crm.sync.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // The example from the Standard Webhooks specification.
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final String TIMESTAMP = "1614265330";
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final Instant AT = Instant.ofEpochSecond(1614265330);

  final WebhookSignature verifier = new WebhookSignature(SECRET);

  @Test
  void acceptsTheSpecificationsExampleAmongOtherSignatures() {
    assertThatCode(() -> verifier.verify(ID, TIMESTAMP, "v1,bm90IGl0 " + SIGNATURE, BODY, AT)).doesNotThrowAnyException();
  }

  @Test
  void refusesATamperedBodyAStaleTimestampAndMissingHeaders() {
    assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8), AT))
        .hasMessage("no matching signature");
    assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY, AT.plusSeconds(301)))
        .hasMessage("timestamp too old or too new");
    assertThatThrownBy(() -> verifier.verify(ID, null, SIGNATURE, BODY, AT)).hasMessage("missing signature headers");
    assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, "v2," + SIGNATURE.substring(3), BODY, AT))
        .hasMessage("no matching signature");
  }
}
