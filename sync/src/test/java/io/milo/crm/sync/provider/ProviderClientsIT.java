package io.milo.crm.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milo.crm.sync.metrics.SyncMetrics;
import io.milo.crm.sync.sim.LoopsSimulator;
import io.milo.crm.sync.sim.ResendSimulator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider clients against the local simulators of both providers' HTTP contracts. */
class ProviderClientsIT {
  Vertx vertx;
  ResendSimulator resendSim;
  LoopsSimulator loopsSim;
  ResendClient resend;
  LoopsClient loops;
  SyncMetrics metrics = new SyncMetrics();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    resendSim = (ResendSimulator) new ResendSimulator(vertx, "re_key").start();
    loopsSim = (LoopsSimulator) new LoopsSimulator(vertx, "loops_key").start();
    loopsSim.addList("list-1");
    ProviderLimits limits = new ProviderLimits(100, 10, 2, Duration.ofSeconds(5), false);
    resend = new ResendClient(new ProviderHttp(vertx, Provider.RESEND, resendSim.uri(), "re_key", limits, metrics));
    loops = new LoopsClient(new ProviderHttp(vertx, Provider.LOOPS, URI.create(loopsSim.uri() + "/api/v1"), "loops_key",
        limits, metrics));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void resendContactsSegmentsAndMembershipsAreIdempotent() throws Exception {
    ContactData ann = new ContactData("uid-1", "ann@example.com", "Ann", "Lee");
    String id = await(resend.ensureContact(ann, null));
    assertThat(await(resend.ensureContact(ann, null))).isEqualTo(id);
    assertThat(await(resend.ensureContact(ann, id))).isEqualTo(id);
    String segment = await(resend.ensureList("News-public-default", null));
    assertThat(await(resend.ensureList("News-public-default", null))).isEqualTo(segment);
    await(resend.setMembership(ann, id, segment, true));
    await(resend.setMembership(ann, id, segment, true));
    assertThat(resendSim.segmentNamesOf("ann@example.com")).containsExactly("News-public-default");
    assertThat(resendSim.createdContacts).hasSize(1);
    assertThat(resendSim.createdSegments).hasSize(1);

    // A changed email: a new contact replaces the old one.
    ContactData moved = new ContactData("uid-1", "ann@new.example.com", "Ann", "Lee");
    String newId = await(resend.ensureContact(moved, id));
    assertThat(newId).isNotEqualTo(id);
    assertThat(resendSim.find("ann@example.com")).isNull();

    await(resend.setMembership(moved, newId, segment, false));
    await(resend.setMembership(moved, newId, segment, false));
    await(resend.deleteContact(moved, newId));
    await(resend.deleteContact(moved, newId));
    await(resend.deleteList(segment));
    await(resend.deleteList(segment));
    assertThat(resendSim.contactCount()).isZero();
    assertThat(resendSim.segmentNames()).isEmpty();
    assertThat(metrics.scrape()).contains("operation=\"create_contact\",provider=\"Resend\",status=\"201\"");
  }

  @Test
  void aResendSegmentWhoseNameDiffersIsRenamedInPlace() throws Exception {
    ContactData ann = new ContactData("uid-1", "ann@example.com", "Ann", "Lee");
    String id = await(resend.ensureContact(ann, null));
    String segment = await(resend.ensureList("Old-public-default", null));
    await(resend.setMembership(ann, id, segment, true));
    assertThat(await(resend.ensureList("New-public-default", segment))).isEqualTo(segment);
    assertThat(resendSim.segmentNames()).containsExactly("New-public-default");
    assertThat(resendSim.segmentNamesOf("ann@example.com")).containsExactly("New-public-default");
    assertThat(resendSim.createdSegments).hasSize(1);
    // Same name: nothing to change, only the look-up.
    int before = resendSim.calls().size();
    assertThat(await(resend.ensureList("New-public-default", segment))).isEqualTo(segment);
    assertThat(resendSim.calls().subList(before, resendSim.calls().size()))
        .extracting(io.milo.crm.sync.sim.Simulator.Call::method).containsExactly("GET");
    assertThat(metrics.scrape()).contains("operation=\"update_segment\",provider=\"Resend\",status=\"200\"");
  }

  @Test
  void loopsUpsertsByUserIdAndSetsMailingLists() throws Exception {
    ContactData ann = new ContactData("uid-1", "ann@example.com", "Ann", null);
    String id = await(loops.ensureContact(ann, null));
    assertThat(await(loops.ensureContact(new ContactData("uid-1", "ann@new.example.com", "Ann", null), id)))
        .isEqualTo(id);
    assertThat(loopsSim.contactCount()).isEqualTo(1);
    await(loops.setMembership(ann, id, "list-1", true));
    assertThat(loopsSim.listsOf("ann@example.com")).containsExactly("list-1");
    await(loops.setMembership(ann, id, "list-1", false));
    assertThat(loopsSim.listsOf("ann@example.com")).isEmpty();
    await(loops.deleteContact(ann, id));
    await(loops.deleteContact(ann, id));
    assertThat(loopsSim.contactCount()).isZero();
  }

  @Test
  void failuresCarryStatusAndRetryAfter() throws Exception {
    loopsSim.failNext(1, 429, 2);
    assertThatThrownBy(() -> await(loops.ensureContact(new ContactData("u", "a@example.com", null, null), null)))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
          assertThat(e.retryable()).isTrue();
        });
    resendSim.failNext(1, 500, 0);
    assertThatThrownBy(() -> await(resend.deleteList("x"))).cause()
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void a429HoldsBackCallsAlreadyScheduledOrWaitingForASlot() throws Exception {
    // 2 calls a second, burst 1: four calls made at once. With one slot in flight, three wait for the
    // slot; with four, they wait for their tokens (0.5, 1 and 1.5 s). The first gets a 429 asking for
    // 2 s: none of the others may go out within it, and after it they are still spaced by the rate.
    for (int inFlight : new int[] {1, 4}) {
      ProviderHttp http = new ProviderHttp(vertx, Provider.RESEND, resendSim.uri(), "re_key",
          new ProviderLimits(2, 1, inFlight, Duration.ofSeconds(5), false), metrics);
      int from = resendSim.calls().size();
      resendSim.failNext(1, 429, 2);
      java.util.List<CompletionStage<ProviderHttp.Response>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(http.call("get_segment", io.vertx.core.http.HttpMethod.GET, "/segments/s" + i, null));
      }
      for (CompletionStage<ProviderHttp.Response> c : calls) {
        await(c);
      }
      java.util.List<io.milo.crm.sync.sim.Simulator.Call> log = resendSim.calls().subList(from, from + 4);
      assertThat(log.get(0).status()).isEqualTo(429);
      long pauseEnd = log.get(0).answeredNanos() + TimeUnit.SECONDS.toNanos(2);
      for (io.milo.crm.sync.sim.Simulator.Call c : log.subList(1, 4)) {
        assertThat(c.arrivedNanos()).as("in flight %d: a call inside the Retry-After", inFlight)
            .isGreaterThanOrEqualTo(pauseEnd);
      }
      for (int i = 2; i < 4; i++) {
        assertThat(log.get(i).arrivedNanos() - log.get(i - 1).arrivedNanos()).as("in flight %d: gap", inFlight)
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(450));
      }
      await(http.close().toCompletionStage());
    }
  }
}
