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
    assertThat(next.path("providerID").asText()).as("the Resend id, though Loops wrote first").isEqualTo("r-1");
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
  void providerIDIsTheResendIdNeverAnotherProvidersAndGoesWithIt() throws Exception {
    // Loops reports first: no Resend id yet, so no providerID.
    JsonNode loopsOnly = StatusModel.next(null, 1, "Contact",
        Map.of(Provider.LOOPS, ProviderOutcome.ready("CreateSuccessful", "", "l-1")), T0);
    assertThat(loopsOnly.has("providerID")).isFalse();
    JsonNode both = StatusModel.next(loopsOnly, 1, "Contact",
        Map.of(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "", "r-1")), T0);
    assertThat(both.path("providers").get(0).path("name").asText()).isEqualTo("Loops");
    assertThat(both.path("providerID").asText()).isEqualTo("r-1");
    // A stale mirror of the Loops id (written by an older sync) is corrected.
    JsonNode stale = JSON.readTree("{\"providerID\":\"l-1\",\"providers\":[{\"name\":\"Loops\",\"id\":\"l-1\"},"
        + "{\"name\":\"Resend\",\"id\":\"r-1\"}]}");
    assertThat(StatusModel.next(stale, 1, "Contact", Map.of(Provider.LOOPS, ProviderOutcome.unchanged("l-1")), T0)
        .path("providerID").asText()).isEqualTo("r-1");
    // Resend loses its entry: providerID goes (a merge patch's null), it does not move to Loops.
    JsonNode left = StatusModel.withoutEntry(both, Provider.RESEND);
    assertThat(left.path("providers").toString()).isEqualTo("[{\"name\":\"Loops\",\"id\":\"l-1\"}]");
    assertThat(left.path("providerID").isNull()).isTrue();
    JsonNode none = StatusModel.withoutEntry(left, Provider.LOOPS);
    assertThat(none.path("providers")).isEmpty();
    assertThat(none.path("providerID").isNull()).isTrue();
  }

  static String cond(JsonNode status, String type) {
    JsonNode c = StatusModel.condition(status, type);
    return c.isMissingNode() ? "absent" : c.path("status").asText() + "/" + c.path("reason").asText();
  }

  @Test
  void updateAppearsOnlyAfterASpecChangeAndIsPendingUntilEveryProviderHasIt() throws Exception {
    Map<Provider, ProviderOutcome> ready = new LinkedHashMap<>();
    ready.put(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "in sync", "r-1"));
    ready.put(Provider.LOOPS, ProviderOutcome.ready("CreateSuccessful", "in sync", "l-1"));
    // A new object: the server's CreatePending Ready, then the first sync. No Update.
    JsonNode created = JSON.readTree("{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\","
        + "\"reason\":\"CreatePending\",\"observedGeneration\":1}]}");
    JsonNode first = StatusModel.next(created, 2, "Contact", ready, T0); // changed before the sync got to it
    assertThat(cond(first, "Ready")).isEqualTo("True/AllProvidersReady");
    assertThat(cond(first, "Update")).isEqualTo("absent");

    // The spec changes (generation 3); Loops fails: pending, and stays pending at the same generation.
    Map<Provider, ProviderOutcome> half = new LinkedHashMap<>(ready);
    half.put(Provider.LOOPS, ProviderOutcome.failed("HTTP 503"));
    JsonNode pending = StatusModel.next(first, 3, "Contact", half, T1);
    assertThat(cond(pending, "Update")).isEqualTo("False/UpdatePending");
    assertThat(StatusModel.condition(pending, "Update").path("message").asText()).contains("Loops");
    JsonNode still = StatusModel.next(JSON.readTree(pending.toString()), 3, "Contact", half, T1);
    assertThat(StatusModel.same(pending, still)).isTrue();

    JsonNode done = StatusModel.next(still, 3, "Contact", ready, T1);
    assertThat(cond(done, "Update")).isEqualTo("True/UpdateSuccessful");
    assertThat(StatusModel.condition(done, "Update").path("observedGeneration").asLong()).isEqualTo(3);
    // Converged: nothing more to write.
    assertThat(StatusModel.same(done, StatusModel.next(JSON.readTree(done.toString()), 3, "Contact", ready, T1)))
        .isTrue();
    // The next spec change is pending again.
    assertThat(cond(StatusModel.next(done, 4, "Contact", half, T1), "Update")).isEqualTo("False/UpdatePending");
  }

  @Test
  void aChangedReferenceRequestsAnUpdateUntilEveryProviderHasIt() {
    Map<Provider, ProviderOutcome> failing = Map.of(Provider.RESEND, ProviderOutcome.failed("HTTP 503"));
    Map<Provider, ProviderOutcome> ready = Map.of(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "", "c/s"));
    JsonNode synced = StatusModel.next(null, 1, "ContactGroupMembership", ready, T0);
    assertThat(cond(synced, "Update")).isEqualTo("absent");
    JsonNode requested = StatusModel.next(synced, 1, "ContactGroupMembership", failing, true, T1);
    assertThat(cond(requested, "Update")).isEqualTo("False/UpdateRequested");
    // Still requested when the next reconcile no longer sees the change as such (the condition remembers).
    JsonNode again = StatusModel.next(requested, 1, "ContactGroupMembership", failing, false, T1);
    assertThat(cond(again, "Update")).isEqualTo("False/UpdateRequested");
    assertThat(cond(StatusModel.next(again, 1, "ContactGroupMembership", ready, false, T1), "Update"))
        .isEqualTo("True/UpdateSuccessful");
  }

  @Test
  void aDisabledProviderIsMarkedButCountsNeitherForReadyNorForUpdate() throws Exception {
    Map<Provider, ProviderOutcome> outcomes = new LinkedHashMap<>();
    outcomes.put(Provider.RESEND, ProviderOutcome.ready("CreateSuccessful", "", "r-1"));
    outcomes.put(Provider.LOOPS, ProviderOutcome.disabled("Loops"));
    JsonNode current = JSON.readTree("{\"providers\":[{\"name\":\"Resend\",\"id\":\"r-1\"},"
        + "{\"name\":\"Loops\",\"id\":\"l-1\"}]}");
    JsonNode next = StatusModel.next(current, 1, "Contact", outcomes, T0);
    assertThat(cond(next, "LoopsContactReady")).isEqualTo("Unknown/ProviderDisabled");
    assertThat(cond(next, "Ready")).isEqualTo("True/AllProvidersReady");
    assertThat(StatusModel.condition(next, "Ready").path("message").asText()).contains("not configured: Loops");
    assertThat(StatusModel.providerId(next, Provider.LOOPS)).isEqualTo("l-1"); // its entry stays
    // Only disabled providers: Ready is left alone.
    JsonNode onlyDisabled = StatusModel.next(null, 1, "Contact", Map.of(Provider.LOOPS, ProviderOutcome.disabled("Loops")), T0);
    assertThat(cond(onlyDisabled, "Ready")).isEqualTo("absent");
  }

  @Test
  void deleteIsPendingWithWhatItWaitsForThenSuccessful() {
    JsonNode pending = StatusModel.deleting(null, 1, "Contact", Map.of(),
        java.util.List.of("Resend: the contact's memberships and removals to be deleted"), T0);
    assertThat(cond(pending, "Delete")).isEqualTo("False/DeletePending");
    assertThat(StatusModel.condition(pending, "Delete").path("message").asText()).contains("Resend: the contact's");
    JsonNode done = StatusModel.deleting(pending, 1, "Contact", Map.of(Provider.LOOPS, ProviderOutcome.disabled("Loops")),
        java.util.List.of(), T1);
    assertThat(cond(done, "Delete")).isEqualTo("True/DeleteSuccessful");
    assertThat(StatusModel.condition(done, "Delete").path("message").asText()).contains("Loops");
    assertThat(cond(done, "LoopsContactReady")).isEqualTo("Unknown/ProviderDisabled");
    assertThat(StatusModel.same(done, StatusModel.deleting(done, 1, "Contact",
        Map.of(Provider.LOOPS, ProviderOutcome.disabled("Loops")), java.util.List.of(), T1))).isTrue();
  }
}
