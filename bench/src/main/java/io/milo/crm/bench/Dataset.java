package io.milo.crm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Dataset is the workload's objects for N people, the same on every run so that --reuse finds
 * them: N/20 Companies, a pool of N/10 Contacts in namespace {@value #NAMESPACE}, N People (each
 * with three labels, a companyRef and one or two contactRefs) and 0-5 Notes about each person.
 * The source label takes ten values; {@value #RARE_SOURCE} is on every hundredth person (1%), so a
 * selector on it picks a fixed 1% of N. No person gets source newsletter-signup, which would add
 * newsletter memberships the workload does not describe.
 */
final class Dataset {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String NAMESPACE = "bench";
  static final String SOURCE_LABEL = "crm.milo.io/source";
  static final String RARE_SOURCE = "investors";
  static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  static final String COMPANIES = "/apis/crm.milo.io/v1alpha1/companies";
  static final String NOTES = "/apis/crm.milo.io/v1alpha1/notes";
  static final String CONTACTS = "/apis/notification.milo.io/v1alpha1/namespaces/" + NAMESPACE + "/contacts";

  private static final String[] SOURCES = {"website", "referral", "linkedin", "conference", "newsletter", "webinar",
      "partner", "cold-outreach", "trade-show"};
  private static final String[] STAGES = {"lead", "prospect", "customer", "alumni"};
  private static final String[] TITLES = {"Head of Partnerships", "CTO", "Buyer", "Office Manager", "Engineer"};

  private final int people;

  Dataset(int people) {
    this.people = people;
  }

  int people() {
    return people;
  }

  int companies() {
    return Math.max(1, people / 20);
  }

  int contacts() {
    return Math.max(2, people / 10);
  }

  /** How many notes person i has: 0 to max, 2.5 on average for max 5. */
  static int notesOf(int i, int max) {
    return max <= 0 ? 0 : Math.floorMod(i * 7 + 3, max + 1);
  }

  static String personName(int i) {
    return String.format("person-%07d", i);
  }

  static String companyName(int c) {
    return String.format("company-%07d", c);
  }

  static String contactName(int k) {
    return String.format("contact-%07d", k);
  }

  String companyOf(int i) {
    return companyName(i % companies());
  }

  Buffer company(int c) {
    ObjectNode company = object("crm.milo.io/v1alpha1", "Company", companyName(c), null);
    company.with("metadata").putObject("labels").put(SOURCE_LABEL, SOURCES[c % SOURCES.length]);
    ObjectNode spec = company.putObject("spec");
    spec.put("displayName", "Company " + c);
    spec.putArray("domains").add("c" + c + ".example.com");
    spec.put("description", "A company of the benchmark's dataset.");
    return Buffer.buffer(company.toString());
  }

  Buffer contact(int k) {
    ObjectNode contact = object("notification.milo.io/v1alpha1", "Contact", contactName(k), NAMESPACE);
    ObjectNode spec = contact.putObject("spec");
    spec.put("email", contactName(k) + "@bench.example.com");
    spec.put("givenName", "Given" + k);
    spec.put("familyName", "Family" + k);
    return Buffer.buffer(contact.toString());
  }

  Buffer person(int i) {
    return person(personName(i), i);
  }

  /** A person named name with the shape of person i (labels, company, contacts). */
  Buffer person(String name, int i) {
    ObjectNode person = object("crm.milo.io/v1alpha1", "Person", name, null);
    ObjectNode labels = person.with("metadata").putObject("labels");
    labels.put(SOURCE_LABEL, i % 100 == 0 ? RARE_SOURCE : SOURCES[i % SOURCES.length]);
    labels.put("crm.milo.io/stage", STAGES[i % STAGES.length]);
    labels.put("crm.milo.io/owner", "staff-" + (i % 40));
    ObjectNode spec = person.putObject("spec");
    spec.put("name", "Given" + i + " Family" + i);
    spec.put("jobTitle", TITLES[i % TITLES.length]);
    spec.putObject("companyRef").put("name", companyOf(i));
    ArrayNode refs = spec.putArray("contactRefs");
    int first = i % contacts();
    refs.addObject().put("namespace", NAMESPACE).put("name", contactName(first)).put("type", "work").put("primary", true);
    if (i % 2 == 1) {
      refs.addObject().put("namespace", NAMESPACE).put("name", contactName((first + contacts() / 2) % contacts()))
          .put("type", "personal");
    }
    return Buffer.buffer(person.toString());
  }

  Buffer note(int i, int k) {
    ObjectNode note = object("crm.milo.io/v1alpha1", "Note", String.format("note-%07d-%d", i, k), null);
    ObjectNode spec = note.putObject("spec");
    spec.putObject("subjectRef").put("apiGroup", "crm.milo.io").put("kind", "Person").put("name", personName(i));
    spec.put("content", "Call " + k + " with person " + i + ": talked about the renewal and next quarter's plans.");
    spec.put("followUp", k % 2 == 0);
    return Buffer.buffer(note.toString());
  }

  /** The body of a merge patch that changes a person's job title. */
  static Buffer jobTitlePatch(long n) {
    return Buffer.buffer("{\"spec\":{\"jobTitle\":\"" + TITLES[(int) (n % TITLES.length)] + " " + n + "\"}}");
  }

  static String query(String key, String value) {
    return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
    ObjectNode object = MAPPER.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode meta = object.putObject("metadata").put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    return object;
  }
}
