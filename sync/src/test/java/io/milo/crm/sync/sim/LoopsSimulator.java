package io.milo.crm.sync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LoopsSimulator keeps contacts and their mailing-list subscriptions the way Loops' API does:
 * {@code PUT /contacts/update} upserts by {@code userId} (or email) and merges {@code mailingLists},
 * {@code POST /contacts/delete} answers 404 for an unknown contact. Mailing lists exist up front
 * ({@link #addList}) because Loops' API cannot create them.
 */
public final class LoopsSimulator extends Simulator {
  /** A stored contact and its list subscriptions. */
  public static final class Contact {
    public final String id;
    public String email;
    public String userId;
    public String firstName;
    public String lastName;
    public String source;
    public boolean subscribed;
    public final Map<String, Boolean> mailingLists = new LinkedHashMap<>();

    Contact(String id) {
      this.id = id;
    }
  }

  public final Map<String, Contact> contacts = new LinkedHashMap<>();
  public final Set<String> lists = new TreeSet<>();
  public final List<String> createdContacts = new ArrayList<>();
  private int next;

  public LoopsSimulator(Vertx vertx, String apiKey) {
    super(vertx, apiKey);
  }

  public synchronized void addList(String id) {
    lists.add(id);
  }

  @Override
  protected Reply route(String method, String path, JsonNode body) {
    if (method.equals("PUT") && path.equals("/api/v1/contacts/update")) {
      return update(body);
    }
    if (method.equals("POST") && path.equals("/api/v1/contacts/delete")) {
      Contact c = find(body.path("userId").asText(null), body.path("email").asText(null));
      if (c == null) {
        return new Reply(404, error(404, "", "Contact not found."));
      }
      contacts.remove(c.id);
      return new Reply(200, Map.of("success", true, "message", "Contact deleted."));
    }
    return new Reply(404, error(404, "", "Not found"));
  }

  private Reply update(JsonNode body) {
    String userId = body.path("userId").asText(null);
    String email = body.path("email").asText(null);
    if (userId == null && email == null) {
      return new Reply(400, error(400, "", "An email or userId is required."));
    }
    for (Iterator<String> it = body.path("mailingLists").fieldNames(); it.hasNext(); ) {
      String list = it.next();
      if (!lists.contains(list)) {
        return new Reply(400, error(400, "", "Mailing list " + list + " not found."));
      }
    }
    Contact c = find(userId, email);
    if (c == null) {
      c = new Contact("loops-" + (++next));
      contacts.put(c.id, c);
      createdContacts.add(c.id);
    }
    if (email != null) {
      c.email = email;
    }
    if (userId != null) {
      c.userId = userId;
    }
    if (body.has("firstName")) {
      c.firstName = body.path("firstName").asText(null);
    }
    if (body.has("lastName")) {
      c.lastName = body.path("lastName").asText(null);
    }
    if (body.has("source")) {
      c.source = body.path("source").asText();
    }
    if (body.has("subscribed")) {
      c.subscribed = body.path("subscribed").asBoolean();
    }
    Contact target = c;
    body.path("mailingLists").fields().forEachRemaining(e -> target.mailingLists.put(e.getKey(), e.getValue().asBoolean()));
    return new Reply(200, Map.of("success", true, "id", c.id));
  }

  /** The contact with that userId, else that (case-insensitive) email. */
  public synchronized Contact find(String userId, String email) {
    for (Contact c : contacts.values()) {
      if (userId != null && userId.equals(c.userId)) {
        return c;
      }
    }
    for (Contact c : contacts.values()) {
      if (email != null && email.equalsIgnoreCase(c.email)) {
        return c;
      }
    }
    return null;
  }

  /** The lists the contact with that email is subscribed to. */
  public synchronized Set<String> listsOf(String email) {
    Contact c = find(null, email);
    Set<String> on = new TreeSet<>();
    if (c != null) {
      c.mailingLists.forEach((list, yes) -> {
        if (yes) {
          on.add(list);
        }
      });
    }
    return on;
  }

  public synchronized int contactCount() {
    return contacts.size();
  }

  @Override
  protected Object error(int status, String name, String message) {
    return Map.of("success", false, "message", message);
  }
}
