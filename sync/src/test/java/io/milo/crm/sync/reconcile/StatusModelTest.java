package io.milo.crm.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.sync.provider.Provider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusModelTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T01:00:00Z");

  @Test
  void oneProviderNeverTouchesTheOthersEntry() throws Exception {
    JsonNode current = JSON.readTree("{\"providers\":[{\"name\":\"Loops\",\"id\":\"l-1\"}]}");
    JsonNode next = StatusModel.next(current, 3, "Contact",
        Map.of(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "", "r-1")), T0);
    assertThat(next.path("providers").toString())
        .isEqualTo("[{\"name\":\"Loops\",\"id\":\"l-1\"},{\"name\":\"Resend\",\"id\":\"r-1\"}]");
    assertThat(next.path("providerID").asText()).isEqualTo("l-1");
    assertThat(StatusModel.condition(next, "ResendContactReady").path("observedGeneration").asLong()).isEqualTo(3);
    assertThat(StatusModel.condition(next, "Ready").path("reason").asText()).isEqualTo("AllProvidersReady");
  }

  @Test
  void readyAggregatesAndTransitionTimesMoveOnlyOnChange() {
    Map<Provider, ProviderOutcome> mixed = new LinkedHashMap<>();
    mixed.put(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "", "r-1"));
    mixed.put(Provider.LOOPS, ProviderOutcome.waiting("LoopsListIDMissing", "no list"));
    JsonNode first = StatusModel.next(null, 1, "ContactGroupMembership", mixed, T0);
    assertThat(StatusModel.condition(first, "Ready").path("status").asText()).isEqualTo("False");
    assertThat(StatusModel.condition(first, "Ready").path("reason").asText()).isEqualTo("ProvidersNotReady");
    assertThat(StatusModel.condition(first, "LoopsContactGroupMembershipReady").path("reason").asText())
        .isEqualTo("LoopsListIDMissing");

    JsonNode same = StatusModel.next(first, 1, "ContactGroupMembership", mixed, T1);
    assertThat(StatusModel.same(first, same)).isTrue();
    assertThat(StatusModel.condition(same, "Ready").path("lastTransitionTime").asText()).isEqualTo(T0.toString());

    mixed.put(Provider.LOOPS, ProviderOutcome.ready("CreateSuccessful", "", "l-1"));
    JsonNode ready = StatusModel.next(same, 1, "ContactGroupMembership", mixed, T1);
    assertThat(StatusModel.same(same, ready)).isFalse();
    assertThat(StatusModel.condition(ready, "Ready").path("lastTransitionTime").asText()).isEqualTo(T1.toString());
    assertThat(StatusModel.condition(ready, "ResendContactGroupMembershipReady").path("lastTransitionTime").asText())
        .isEqualTo(T0.toString());
  }

  @Test
  void anUnchangedOutcomeKeepsTheConditionSoNothingIsWritten() throws Exception {
    JsonNode synced = StatusModel.next(null, 2, "Contact",
        Map.of(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "Contact is in sync on Resend", "r-1")), T0);
    JsonNode fromServer = JSON.readTree(synced.toString()); // observedGeneration read back as an int
    JsonNode again = StatusModel.next(fromServer, 2, "Contact", Map.of(Provider.RESEND, ProviderOutcome.unchanged("r-1")), T1);
    assertThat(StatusModel.same(fromServer, again)).isTrue();
    assertThat(StatusModel.same(synced, again)).isTrue();
    assertThat(StatusModel.condition(again, "ResendContactReady").path("message").asText())
        .isEqualTo("Contact is in sync on Resend");
  }

  @Test
  void withoutEntryDropsOnlyThatProviderAndMovesProviderID() throws Exception {
    JsonNode both = JSON.readTree("{\"providerID\":\"r-1\",\"providers\":[{\"name\":\"Resend\",\"id\":\"r-1\"},"
        + "{\"name\":\"Loops\",\"id\":\"l-1\"}]}");
    JsonNode left = StatusModel.withoutEntry(both, Provider.RESEND);
    assertThat(left.path("providers").toString()).isEqualTo("[{\"name\":\"Loops\",\"id\":\"l-1\"}]");
    assertThat(left.path("providerID").asText()).isEqualTo("l-1");
    JsonNode none = StatusModel.withoutEntry(left, Provider.LOOPS);
    assertThat(none.path("providers")).isEmpty();
    assertThat(none.path("providerID").isNull()).isTrue();
  }
}
