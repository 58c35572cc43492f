package io.milo.crm.sync.provider;

import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * LoopsClient speaks Loops' contacts API ({@code https://app.loops.so/api/v1}). Its update call is an
 * upsert keyed by {@code userId} (the Contact's {@code metadata.uid}), so it is idempotent and follows
 * an email change in place. Loops cannot create mailing lists: their ids come from the ContactGroup.
 */
public final class LoopsClient implements ProviderClient {
  /** The {@code source} Loops records for contacts the sync creates. */
  static final String SOURCE = "milo-crm";

  private final ProviderHttp http;

  public LoopsClient(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public Provider provider() {
    return Provider.LOOPS;
  }

  @Override
  public CompletionStage<String> ensureContact(ContactData contact, String knownId) {
    Map<String, Object> body = identity(contact);
    body.put("firstName", contact.givenName());
    body.put("lastName", contact.familyName());
    body.put("source", SOURCE);
    body.put("subscribed", true);
    return update("update_contact", body).thenApply(r -> r.body().path("id").asText(contact.uid()));
  }

  @Override
  public CompletionStage<Void> deleteContact(ContactData contact, String id) {
    return http.call("delete_contact", HttpMethod.POST, "/contacts/delete", Map.of("userId", contact.uid()))
        .thenAccept(r -> {
          if (!r.ok() && r.status() != 404) {
            throw http.failure("delete_contact", r);
          }
        });
  }

  @Override
  public boolean createsLists() {
    return false;
  }

  @Override
  public CompletionStage<String> ensureList(String name, String knownId) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("Loops cannot create mailing lists"));
  }

  @Override
  public CompletionStage<Void> deleteList(String id) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> setMembership(ContactData contact, String contactId, String listId, boolean member) {
    Map<String, Object> body = identity(contact);
    body.put("mailingLists", Map.of(listId, member));
    return update(member ? "subscribe_list" : "unsubscribe_list", body).thenApply(r -> null);
  }

  private CompletionStage<ProviderHttp.Response> update(String operation, Map<String, Object> body) {
    return http.call(operation, HttpMethod.PUT, "/contacts/update", body).thenApply(r -> {
      if (!r.ok()) {
        throw http.failure(operation, r);
      }
      return r;
    });
  }

  private static Map<String, Object> identity(ContactData contact) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", contact.email());
    body.put("userId", contact.uid());
    return body;
  }
}
