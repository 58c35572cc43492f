package io.milo.crm.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.admission.UserInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** TokenReview and SubjectAccessReview answers are reused within their time to live, on a fake clock. */
class CachesTest {
  private static final UserInfo BOB = new UserInfo("bob", "", List.of("devs"), Map.of());
  private final FakeClock clock = new FakeClock();

  /** A verifier that counts calls and knows one token. */
  private static final class CountingVerifier implements TokenVerifier {
    final List<String> calls = new ArrayList<>();
    boolean unreachable;

    @Override
    public CompletionStage<Authentication> verify(String token) {
      calls.add(token);
      if (unreachable) {
        return CompletableFuture.completedFuture(Authentication.failed("TokenReview failed: connection refused"));
      }
      return CompletableFuture.completedFuture(token.equals("good") ? Authentication.of(BOB)
          : Authentication.failed(TokenReviewVerifier.REJECTED));
    }
  }

  @Test
  void tokenAnswersAreKeptForTheirTtlBothWays() throws Exception {
    CountingVerifier reviewer = new CountingVerifier();
    var cached = new CachedTokenVerifier(reviewer, Duration.ofSeconds(10), Duration.ofSeconds(5), clock);
    assertThat(cached.verify("good").toCompletableFuture().get().user()).isEqualTo(BOB);
    assertThat(cached.verify("bad").toCompletableFuture().get().authenticated()).isFalse();
    clock.advance(Duration.ofSeconds(4));
    cached.verify("good").toCompletableFuture().get();
    cached.verify("bad").toCompletableFuture().get();
    assertThat(reviewer.calls).containsExactly("good", "bad");
    clock.advance(Duration.ofSeconds(1)); // 5 s: the rejection expired, the success not
    cached.verify("good").toCompletableFuture().get();
    cached.verify("bad").toCompletableFuture().get();
    assertThat(reviewer.calls).containsExactly("good", "bad", "bad");
    clock.advance(Duration.ofSeconds(5)); // 10 s
    cached.verify("good").toCompletableFuture().get();
    assertThat(reviewer.calls).containsExactly("good", "bad", "bad", "good");
  }

  @Test
  void anUnreachableReviewerIsAskedAgain() throws Exception {
    CountingVerifier reviewer = new CountingVerifier();
    reviewer.unreachable = true;
    var cached = new CachedTokenVerifier(reviewer, Duration.ofSeconds(10), Duration.ofSeconds(10), clock);
    cached.verify("good").toCompletableFuture().get();
    cached.verify("good").toCompletableFuture().get();
    assertThat(reviewer.calls).hasSize(2);
  }

  @Test
  void authorizationAnswersAreKeptPerRequestAndUser() throws Exception {
    List<Attributes> asked = new ArrayList<>();
    Authorizer reviewer = attributes -> {
      asked.add(attributes);
      return CompletableFuture.completedFuture(attributes.request().verb().equals("list")
          ? Decision.allow("") : Decision.noOpinion("RBAC: no"));
    };
    var cached = new CachedAuthorizer(reviewer, Duration.ofSeconds(10), Duration.ofSeconds(3), clock);
    Attributes list = new Attributes(BOB, RequestInfoTest.derive("GET", "/apis/crm.milo.io/v1alpha1/people"));
    Attributes create = new Attributes(BOB, RequestInfoTest.derive("POST", "/apis/crm.milo.io/v1alpha1/people"));
    Attributes listByOther = new Attributes(new UserInfo("eve", "", List.of("devs"), Map.of()), list.request());
    assertThat(cached.authorize(list).toCompletableFuture().get().allowed()).isTrue();
    assertThat(cached.authorize(create).toCompletableFuture().get().reason()).isEqualTo("RBAC: no");
    cached.authorize(list).toCompletableFuture().get();
    cached.authorize(create).toCompletableFuture().get();
    cached.authorize(listByOther).toCompletableFuture().get();
    assertThat(asked).containsExactly(list, create, listByOther);
    clock.advance(Duration.ofSeconds(3));
    cached.authorize(list).toCompletableFuture().get();
    cached.authorize(create).toCompletableFuture().get();
    assertThat(asked).containsExactly(list, create, listByOther, create);
  }
}
