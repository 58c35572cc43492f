package io.milo.crm.sync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * ResendSimulator keeps contacts, segments and contact-segment memberships the way Resend's API does:
 * {@code POST/GET/PATCH/DELETE /contacts[/{id|email}]}, {@code POST/GET/PATCH/DELETE /segments[/{id}]} (PATCH
 * renames),
 * {@code POST/DELETE /contacts/{id}/segments/{segmentId}}, answering 404 for what is not there and 409
 * for a second contact with the same email.
 */
public final class ResendSimulator extends Simulator {
  /** A stored contact. */
  public record Contact(String id, String email, String firstName, String lastName, boolean unsubscribed) {}

  public final Map<String, Contact> contacts = new LinkedHashMap<>();
  public final Map<String, String> segments = new LinkedHashMap<>();
  /** contact id → segment ids. */
  public final Map<String, Set<String>> memberships = new LinkedHashMap<>();
  /** Every contact id ever created, to catch duplicates. */
  public final List<String> createdContacts = new ArrayList<>();
  public final List<String> createdSegments = new ArrayList<>();

  public ResendSimulator(Vertx vertx, String apiKey) {
    super(vertx, apiKey);
  }

  @Override
  protected Reply route(String method, String rawPath, JsonNode body) {
    String[] p = rawPath.substring(1).split("/");
    for (int i = 0; i < p.length; i++) {
      p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
    }
    if (p[0].equals("contacts")) {
      if (p.length == 1 && method.equals("POST")) {
        return createContact(body);
      }
      Contact contact = p.length >= 2 ? find(p[1]) : null;
      if (p.length == 2) {
        if (contact == null) {
          return new Reply(404, error(404, "not_found", "Contact not found"));
        }
        switch (method) {
          case "GET":
            return new Reply(200, view(contact));
          case "PATCH":
            Contact updated = new Contact(contact.id(), contact.email(), text(body, "first_name", contact.firstName()),
                text(body, "last_name", contact.lastName()), body.path("unsubscribed").asBoolean(contact.unsubscribed()));
            contacts.put(contact.id(), updated);
            return new Reply(200, Map.of("object", "contact", "id", contact.id()));
          case "DELETE":
            contacts.remove(contact.id());
            memberships.remove(contact.id());
            return new Reply(200, Map.of("object", "contact", "contact", contact.id(), "deleted", true));
          default:
            return new Reply(405, error(405, "method_not_allowed", "Method not allowed"));
        }
      }
      if (p.length == 4 && p[2].equals("segments")) {
        if (contact == null || !segments.containsKey(p[3])) {
          return new Reply(404, error(404, "not_found", "Contact or segment not found"));
        }
        Set<String> of = memberships.computeIfAbsent(contact.id(), k -> new LinkedHashSet<>());
        if (method.equals("POST")) {
          of.add(p[3]);
          return new Reply(201, Map.of("id", p[3]));
        }
        if (method.equals("DELETE")) {
          if (!of.remove(p[3])) {
            return new Reply(404, error(404, "not_found", "Contact is not in the segment"));
          }
          return new Reply(200, Map.of("id", p[3], "deleted", true));
        }
      }
    }
    if (p[0].equals("segments")) {
      if (p.length == 1 && method.equals("POST")) {
        String id = UUID.randomUUID().toString();
        segments.put(id, body.path("name").asText());
        createdSegments.add(id);
        return new Reply(201, Map.of("object", "segment", "id", id, "name", body.path("name").asText()));
      }
      if (p.length == 1 && method.equals("GET")) {
        List<Object> data = new ArrayList<>();
        segments.forEach((id, name) -> data.add(Map.of("id", id, "name", name)));
        return new Reply(200, Map.of("object", "list", "data", data));
      }
      if (p.length == 2) {
        if (!segments.containsKey(p[1])) {
          return new Reply(404, error(404, "not_found", "Segment not found"));
        }
        if (method.equals("GET")) {
          return new Reply(200, Map.of("object", "segment", "id", p[1], "name", segments.get(p[1])));
        }
        if (method.equals("PATCH")) {
          String name = body.path("name").asText("");
          if (name.isEmpty()) {
            return new Reply(422, error(422, "missing_required_field", "Missing `name` field."));
          }
          segments.put(p[1], name);
          return new Reply(200, Map.of("object", "segment", "id", p[1]));
        }
        if (method.equals("DELETE")) {
          segments.remove(p[1]);
          memberships.values().forEach(s -> s.remove(p[1]));
          return new Reply(200, Map.of("object", "segment", "id", p[1], "deleted", true));
        }
      }
    }
    return new Reply(404, error(404, "not_found", "Route not found"));
  }

  private Reply createContact(JsonNode body) {
    String email = body.path("email").asText("");
    if (email.isEmpty()) {
      return new Reply(422, error(422, "missing_required_field", "Missing `email` field."));
    }
    if (find(email) != null) {
      return new Reply(409, error(409, "conflict", "Contact already exists"));
    }
    String id = UUID.randomUUID().toString();
    contacts.put(id, new Contact(id, email, text(body, "first_name", null), text(body, "last_name", null),
        body.path("unsubscribed").asBoolean(false)));
    createdContacts.add(id);
    return new Reply(201, Map.of("object", "contact", "id", id));
  }

  /** Adds a contact as if made on Resend by someone else; returns its id. */
  public synchronized String addContact(String email) {
    String id = UUID.randomUUID().toString();
    contacts.put(id, new Contact(id, email, null, null, false));
    return id;
  }

  /** Deletes a contact as if done on Resend by hand. */
  public synchronized void removeContact(String id) {
    contacts.remove(id);
    memberships.remove(id);
  }

  /** The contact with that id or (case-insensitive) email. */
  public synchronized Contact find(String idOrEmail) {
    Contact byId = contacts.get(idOrEmail);
    if (byId != null) {
      return byId;
    }
    return contacts.values().stream().filter(c -> c.email().equalsIgnoreCase(idOrEmail)).findFirst().orElse(null);
  }

  /** The names of the segments the contact with that email is in. */
  public synchronized Set<String> segmentNamesOf(String email) {
    Contact c = find(email);
    Set<String> names = new LinkedHashSet<>();
    if (c != null) {
      memberships.getOrDefault(c.id(), Set.of()).forEach(id -> names.add(segments.get(id)));
    }
    return names;
  }

  public synchronized int contactCount() {
    return contacts.size();
  }

  public synchronized Set<String> segmentNames() {
    return new LinkedHashSet<>(segments.values());
  }

  private static Map<String, Object> view(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "contact");
    m.put("id", c.id());
    m.put("email", c.email());
    m.put("first_name", c.firstName());
    m.put("last_name", c.lastName());
    m.put("unsubscribed", c.unsubscribed());
    return m;
  }

  private static String text(JsonNode body, String field, String otherwise) {
    JsonNode v = body.path(field);
    return v.isMissingNode() ? otherwise : v.isNull() ? null : v.asText();
  }

  @Override
  protected Object error(int status, String name, String message) {
    return Map.of("statusCode", status, "name", name, "message", message);
  }
}
