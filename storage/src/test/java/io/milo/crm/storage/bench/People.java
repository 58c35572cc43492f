package io.milo.crm.storage.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Json;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.ResourceType;
import java.util.List;
import java.util.UUID;

/**
 * People is the benchmark's dataset: N Person objects of about 600 bytes in namespace
 * {@value #NAMESPACE}, each with three labels and a companyRef to one of N/20 companies. Person i
 * is the same on every run. The source label takes ten values; one of them, {@value #RARE_SOURCE},
 * is on every hundredth person (1%), so a selector on it picks a small, fixed share of N.
 */
final class People {
  static final ResourceType TYPE = new ResourceType("crm.milo.io", "people", true, List.of("spec.companyRef.name"));
  static final String NAMESPACE = "bench";
  static final String SOURCE_LABEL = "crm.milo.io/source";
  static final String COMPANY_FIELD = "spec.companyRef.name";
  static final String RARE_SOURCE = "investors";

  private static final String[] SOURCES = {"website", "referral", "linkedin", "conference", "newsletter", "webinar",
      "partner", "cold-outreach", "trade-show"};
  private static final String[] STAGES = {"lead", "prospect", "customer", "alumni"};
  private static final String[] CITIES = {"Lisbon", "Porto", "Berlin", "Leipzig", "Utrecht", "Lyon", "Turin"};

  private final int count;
  private final int companies;

  People(int count) {
    this.count = count;
    this.companies = Math.max(1, count / 20);
  }

  int count() {
    return count;
  }

  int companies() {
    return companies;
  }

  ObjectKey key(int i) {
    return new ObjectKey(NAMESPACE, name(i));
  }

  /** The name of company c, which every person i with i mod companies = c refers to. */
  String company(int c) {
    return String.format("company-%06d", c);
  }

  /** Person i, ready to create. */
  ObjectNode person(int i) {
    ObjectNode person = Json.MAPPER.createObjectNode();
    person.put("apiVersion", "crm.milo.io/v1alpha1");
    person.put("kind", "Person");
    ObjectNode meta = person.putObject("metadata");
    meta.put("name", name(i));
    meta.put("namespace", NAMESPACE);
    meta.put("uid", new UUID(0x6d696c6fL, i).toString());
    meta.put("creationTimestamp", "2025-06-01T09:00:00Z");
    ObjectNode labels = meta.putObject("labels");
    labels.put(SOURCE_LABEL, i % 100 == 0 ? RARE_SOURCE : SOURCES[i % SOURCES.length]);
    labels.put("crm.milo.io/stage", STAGES[i % STAGES.length]);
    labels.put("crm.milo.io/owner", "staff-" + (i % 40));
    ObjectNode spec = person.putObject("spec");
    spec.put("givenName", "Given" + i);
    spec.put("familyName", "Family" + i);
    spec.put("email", name(i) + "@example.com");
    spec.put("phone", "+351 21 " + (1_000_000 + i));
    spec.put("title", "Head of Partnerships");
    spec.putObject("companyRef").put("name", company(i % companies));
    spec.putArray("contactRefs").addObject().put("name", "contact-" + i);
    ObjectNode address = spec.putObject("address");
    address.put("city", CITIES[i % CITIES.length]);
    address.put("postalCode", Integer.toString(10_000 + i % 90_000));
    address.put("country", "PT");
    spec.put("preferredChannel", "email");
    return person;
  }

  private static String name(int i) {
    return String.format("person-%07d", i);
  }
}
