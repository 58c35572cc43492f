package io.milo.crm.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ResendClient speaks Resend's contacts and segments API ({@code https://api.resend.com}). Contacts are
 * found by email before one is created, segments by name, so a repeated call never makes a second
 * object. Resend cannot change a contact's email: a changed email deletes the contact and creates a new
 * one (the membership reconciler then re-adds its segments, because the contact id changed). A segment
 * whose name differs from its group's is renamed in place ({@code PATCH /segments/{id}}).
 */
public final class ResendClient implements ProviderClient {
  private final ProviderHttp http;

  public ResendClient(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public Provider provider() {
    return Provider.RESEND;
  }

  @Override
  public CompletionStage<String> ensureContact(ContactData contact, String knownId) {
    if (knownId == null) {
      return findOrCreate(contact);
    }
    return http.call("get_contact", HttpMethod.GET, "/contacts/" + encode(knownId), null).thenCompose(r -> {
      if (r.status() == 404) {
        return findOrCreate(contact);
      }
      if (!r.ok()) {
        throw http.failure("get_contact", r);
      }
      if (!r.body().path("email").asText("").equalsIgnoreCase(contact.email())) {
        return deleteContact(contact, knownId).thenCompose(v -> findOrCreate(contact));
      }
      return updateNames(knownId, r.body(), contact);
    });
  }

  private CompletionStage<String> findOrCreate(ContactData contact) {
    return http.call("get_contact", HttpMethod.GET, "/contacts/" + encode(contact.email()), null).thenCompose(r -> {
      if (r.ok()) {
        return updateNames(r.body().path("id").asText(), r.body(), contact);
      }
      if (r.status() != 404) {
        throw http.failure("get_contact", r);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("email", contact.email());
      body.put("first_name", contact.givenName());
      body.put("last_name", contact.familyName());
      body.put("unsubscribed", false);
      return http.call("create_contact", HttpMethod.POST, "/contacts", body).thenApply(created -> {
        if (!created.ok()) {
          throw http.failure("create_contact", created);
        }
        return created.body().path("id").asText();
      });
    });
  }

  private CompletionStage<String> updateNames(String id, JsonNode current, ContactData contact) {
    if (Objects.equals(text(current, "first_name"), contact.givenName())
        && Objects.equals(text(current, "last_name"), contact.familyName())) {
      return CompletableFuture.completedFuture(id);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("first_name", contact.givenName());
    body.put("last_name", contact.familyName());
    return http.call("update_contact", HttpMethod.PATCH, "/contacts/" + encode(id), body).thenApply(r -> {
      if (!r.ok()) {
        throw http.failure("update_contact", r);
      }
      return id;
    });
  }

  @Override
  public CompletionStage<Void> deleteContact(ContactData contact, String id) {
    String key = id != null ? id : contact.email();
    return http.call("delete_contact", HttpMethod.DELETE, "/contacts/" + encode(key), null).thenAccept(r -> {
      if (!r.ok() && r.status() != 404) {
        throw http.failure("delete_contact", r);
      }
    });
  }

  @Override
  public boolean createsLists() {
    return true;
  }

  @Override
  public CompletionStage<String> ensureList(String name, String knownId) {
    if (knownId != null) {
      return http.call("get_segment", HttpMethod.GET, "/segments/" + encode(knownId), null).thenCompose(r -> {
        if (r.ok()) {
          return name.equals(r.body().path("name").asText()) ? CompletableFuture.completedFuture(knownId)
              : renameList(knownId, name);
        }
        if (r.status() != 404) {
          throw http.failure("get_segment", r);
        }
        return findOrCreateList(name);
      });
    }
    return findOrCreateList(name);
  }

  /** Renames a segment in place ({@code PATCH /segments/{id}}): its id, and so its members, stay. */
  private CompletionStage<String> renameList(String id, String name) {
    return http.call("update_segment", HttpMethod.PATCH, "/segments/" + encode(id), Map.of("name", name))
        .thenCompose(r -> {
          if (r.status() == 404) {
            return findOrCreateList(name); // deleted meanwhile
          }
          if (!r.ok()) {
            throw http.failure("update_segment", r);
          }
          return CompletableFuture.completedFuture(id);
        });
  }

  private CompletionStage<String> findOrCreateList(String name) {
    return http.call("list_segments", HttpMethod.GET, "/segments", null).thenCompose(r -> {
      if (!r.ok()) {
        throw http.failure("list_segments", r);
      }
      for (JsonNode segment : r.body().path("data")) {
        if (name.equals(segment.path("name").asText())) {
          return CompletableFuture.completedFuture(segment.path("id").asText());
        }
      }
      return http.call("create_segment", HttpMethod.POST, "/segments", Map.of("name", name)).thenApply(created -> {
        if (!created.ok()) {
          throw http.failure("create_segment", created);
        }
        return created.body().path("id").asText();
      });
    });
  }

  @Override
  public CompletionStage<Void> deleteList(String id) {
    return http.call("delete_segment", HttpMethod.DELETE, "/segments/" + encode(id), null).thenAccept(r -> {
      if (!r.ok() && r.status() != 404) {
        throw http.failure("delete_segment", r);
      }
    });
  }

  @Override
  public CompletionStage<Void> setMembership(ContactData contact, String contactId, String listId, boolean member) {
    String path = "/contacts/" + encode(contactId) + "/segments/" + encode(listId);
    String operation = member ? "add_contact_segment" : "remove_contact_segment";
    return http.call(operation, member ? HttpMethod.POST : HttpMethod.DELETE, path, null).thenAccept(r -> {
      // Adding twice (409) or removing what is not there (404) leaves the state asked for.
      if (!r.ok() && !(member ? r.status() == 409 : r.status() == 404)) {
        throw http.failure(operation, r);
      }
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
