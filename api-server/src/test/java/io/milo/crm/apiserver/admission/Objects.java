package io.milo.crm.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Objects builds the manifests the admission tests send, as plain JSON trees a test then adjusts
 * (a label, a reference) before posting, and names the collection paths they are sent to.
 */
public final class Objects {
  public static final String CRM = "/apis/crm.milo.io/v1alpha1/";
  public static final String NOTIFICATION = "/apis/notification.milo.io/v1alpha1/";
  public static final String PEOPLE = CRM + "people";
  public static final String COMPANIES = CRM + "companies";
  public static final String NOTES = CRM + "notes";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Objects() {}

  public static String contacts(String namespace) {
    return NOTIFICATION + "namespaces/" + namespace + "/contacts";
  }

  public static String groups(String namespace) {
    return NOTIFICATION + "namespaces/" + namespace + "/contactgroups";
  }

  public static String memberships(String namespace) {
    return NOTIFICATION + "namespaces/" + namespace + "/contactgroupmemberships";
  }

  public static String removals(String namespace) {
    return NOTIFICATION + "namespaces/" + namespace + "/contactgroupmembershipremovals";
  }

  private static ObjectNode object(String group, String kind, String name) {
    ObjectNode o = F.objectNode();
    o.put("apiVersion", group + "/v1alpha1").put("kind", kind);
    o.putObject("metadata").put("name", name);
    o.putObject("spec");
    return o;
  }

  /** The object's spec, to adjust. */
  public static ObjectNode spec(JsonNode object) {
    return (ObjectNode) object.path("spec");
  }

  public static ObjectNode metadata(JsonNode object) {
    return (ObjectNode) object.path("metadata");
  }

  public static ObjectNode label(ObjectNode object, String key, String value) {
    ObjectNode metadata = metadata(object);
    ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    labels.put(key, value);
    return object;
  }

  public static ObjectNode finalizer(ObjectNode object, String finalizer) {
    metadata(object).putArray("finalizers").add(finalizer);
    return object;
  }

  public static ObjectNode person(String name, String fullName) {
    ObjectNode o = object("crm.milo.io", "Person", name);
    spec(o).put("name", fullName);
    return o;
  }

  public static ObjectNode personAt(String name, String company) {
    ObjectNode o = person(name, "Person " + name);
    spec(o).putObject("companyRef").put("name", company);
    return o;
  }

  /** Adds a contactRefs entry. */
  public static ObjectNode contactRef(ObjectNode person, String namespace, String contact, String type, Boolean primary) {
    ObjectNode spec = spec(person);
    ArrayNode refs = spec.has("contactRefs") ? (ArrayNode) spec.get("contactRefs") : spec.putArray("contactRefs");
    ObjectNode ref = refs.addObject().put("name", contact).put("namespace", namespace);
    if (type != null) {
      ref.put("type", type);
    }
    if (primary != null) {
      ref.put("primary", primary);
    }
    return person;
  }

  public static ObjectNode company(String name, String displayName) {
    ObjectNode o = object("crm.milo.io", "Company", name);
    spec(o).put("displayName", displayName);
    return o;
  }

  /** A subjectRef; namespace null leaves it out. */
  public static ObjectNode subject(String apiGroup, String kind, String name, String namespace) {
    ObjectNode ref = F.objectNode().put("apiGroup", apiGroup).put("kind", kind).put("name", name);
    if (namespace != null) {
      ref.put("namespace", namespace);
    }
    return ref;
  }

  public static ObjectNode personSubject(String name) {
    return subject("crm.milo.io", "Person", name, null);
  }

  public static ObjectNode companySubject(String name) {
    return subject("crm.milo.io", "Company", name, null);
  }

  public static ObjectNode note(String name, ObjectNode subjectRef, String content) {
    ObjectNode o = object("crm.milo.io", "Note", name);
    spec(o).set("subjectRef", subjectRef);
    spec(o).put("content", content);
    return o;
  }

  public static ObjectNode note(String name, ObjectNode subjectRef) {
    return note(name, subjectRef, "Talked about " + subjectRef.path("name").asText());
  }

  public static ObjectNode contact(String name, String email) {
    ObjectNode o = object("notification.milo.io", "Contact", name);
    spec(o).put("email", email);
    return o;
  }

  /** A Contact whose subject is the platform User userName. */
  public static ObjectNode userContact(String name, String email, String userName) {
    ObjectNode o = contact(name, email);
    spec(o).set("subject", subject("iam.miloapis.com", "User", userName, null));
    return o;
  }

  public static ObjectNode group(String name, String displayName, String visibility) {
    ObjectNode o = object("notification.milo.io", "ContactGroup", name);
    spec(o).put("displayName", displayName).put("visibility", visibility);
    return o;
  }

  public static ObjectNode membership(String name, String contactNamespace, String contact, String groupNamespace,
      String group) {
    return pair("ContactGroupMembership", name, contactNamespace, contact, groupNamespace, group);
  }

  public static ObjectNode removal(String name, String contactNamespace, String contact, String groupNamespace,
      String group) {
    return pair("ContactGroupMembershipRemoval", name, contactNamespace, contact, groupNamespace, group);
  }

  private static ObjectNode pair(String kind, String name, String contactNamespace, String contact,
      String groupNamespace, String group) {
    ObjectNode o = object("notification.milo.io", kind, name);
    spec(o).putObject("contactRef").put("name", contact).put("namespace", contactNamespace);
    spec(o).putObject("contactGroupRef").put("name", group).put("namespace", groupNamespace);
    return o;
  }

  /** An RFC 3339 time (whole seconds, UTC) this many days from now; negative is in the past. */
  public static String daysFromNow(int days) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(days, ChronoUnit.DAYS).toString();
  }
}
