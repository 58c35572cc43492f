package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LastInteraction keeps {@code Company.status.lastInteractionTime} equal to the latest
 * {@code interactionTime} of the Notes about the company or any of its people. After a Note is
 * created, changed or deleted, or a Person moves (or goes), the affected companies are recomputed in
 * the same unit of work, so the status can never disagree with the notes.
 */
final class LastInteraction implements AdmissionPlugin {
  private final Reads reads;
  private final ObjectWriter objects;

  LastInteraction(Reads reads, ObjectWriter objects) {
    this.reads = reads;
    this.objects = objects;
  }

  @Override
  public String name() {
    return "LastInteraction";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.CRM) && request.subresource().isEmpty()
        && (request.resource().equals(Resources.NOTES) || request.resource().equals(Resources.PEOPLE));
  }

  @Override
  public Future<Void> afterWrite(AdmissionAttributes request, ObjectNode written, Tx tx) {
    if (request.resource().equals(Resources.PEOPLE)) {
      return personWritten(request, written, tx);
    }
    String before = request.oldObject() == null ? "" : Reads.text(request.oldObject(), "spec.interactionTime");
    String after = request.operation() == Operation.DELETE ? "" : Reads.text(written, "spec.interactionTime");
    if (before.isEmpty() && after.isEmpty()) {
      return Future.succeededFuture(); // a note without an interaction changes no company
    }
    List<JsonNode> versions = new ArrayList<>();
    if (request.oldObject() != null) {
      versions.add(request.oldObject());
    }
    if (request.operation() != Operation.DELETE) {
      versions.add(written);
    }
    boolean onlyLater = request.operation() != Operation.DELETE
        && (before.isEmpty() || !instant(after).isBefore(instant(before)));
    return companiesOf(tx, versions).compose(companies -> onlyLater ? raise(tx, companies, after) : recompute(tx, companies));
  }

  /**
   * A person changes a company's time only by joining or leaving it: a new person has no notes yet
   * (a note needs its subject to exist), so only a move or a deletion recomputes.
   */
  private Future<Void> personWritten(AdmissionAttributes request, ObjectNode written, Tx tx) {
    if (request.operation() == Operation.CREATE) {
      return Future.succeededFuture();
    }
    Set<String> companies = new LinkedHashSet<>();
    addIfSet(companies, Reads.text(request.oldObject(), "spec.companyRef.name"));
    if (request.operation() == Operation.UPDATE) {
      String now = Reads.text(written, "spec.companyRef.name");
      if (companies.contains(now) || (companies.isEmpty() && now.isEmpty())) {
        return Future.succeededFuture(); // the person did not move
      }
      addIfSet(companies, now);
    }
    return recompute(tx, companies);
  }

  /** A note's time that can only have moved later: each company takes it if it is newer than its own. */
  private Future<Void> raise(Tx tx, Set<String> companies, String time) {
    Future<Void> chain = Future.succeededFuture();
    for (String company : companies) {
      chain = chain.compose(v -> reads.find(tx, Resources.CRM, Resources.COMPANIES, "", company).compose(found -> {
        if (found.isEmpty()) {
          return Future.succeededFuture();
        }
        String current = Reads.text(found.get().tree(), "status.lastInteractionTime");
        if (!current.isEmpty() && !instant(time).isAfter(instant(current))) {
          return Future.succeededFuture();
        }
        return objects.updateStatus(tx, Resources.CRM, Resources.COMPANIES, ObjectKey.cluster(company),
            c -> withTime(c, time));
      }));
    }
    return chain;
  }

  /** The companies a note's versions are about, directly or through a person. */
  private Future<Set<String>> companiesOf(Tx tx, List<JsonNode> notes) {
    Set<String> companies = new LinkedHashSet<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (JsonNode note : notes) {
      JsonNode subject = note.path("spec").path("subjectRef");
      if (!subject.path("apiGroup").asText().equals(Resources.CRM)) {
        continue;
      }
      String name = subject.path("name").asText("");
      if (subject.path("kind").asText().equals("Company")) {
        companies.add(name);
      } else if (subject.path("kind").asText().equals("Person")) {
        lookups.add(reads.find(tx, Resources.CRM, Resources.PEOPLE, "", name).map(person -> {
          person.ifPresent(p -> addIfSet(companies, Reads.text(p.tree(), "spec.companyRef.name")));
          return null;
        }));
      }
    }
    return Future.all(lookups).map(v -> companies);
  }

  private Future<Void> recompute(Tx tx, Set<String> companies) {
    Future<Void> chain = Future.succeededFuture();
    for (String company : companies) {
      chain = chain.compose(v -> latest(tx, company)).compose(time -> reads.find(tx, Resources.CRM, Resources.COMPANIES, "",
          company).compose(found -> found.isEmpty() ? Future.succeededFuture() : objects.updateStatus(tx, Resources.CRM,
              Resources.COMPANIES, ObjectKey.cluster(company), current -> withTime(current, time))));
    }
    return chain;
  }

  private static ObjectNode withTime(ObjectNode company, String time) {
    ObjectNode status = Reads.object(company, "status");
    if (time == null) {
      status.remove("lastInteractionTime");
    } else {
      status.put("lastInteractionTime", time);
    }
    return company;
  }

  /** The latest interactionTime of the notes about the company and about each of its people, or null. */
  private Future<String> latest(Tx tx, String company) {
    List<String> times = new ArrayList<>();
    return notesAbout(tx, "Company", company, times)
        .compose(v -> reads.select(tx, Resources.CRM, Resources.PEOPLE, null, Map.of("spec.companyRef.name", company), 0))
        .compose(people -> {
          Future<Void> chain = Future.succeededFuture();
          for (StoredObject person : people) {
            chain = chain.compose(v -> notesAbout(tx, "Person", person.key().name(), times));
          }
          return chain;
        })
        .map(v -> times.stream().max((a, b) -> instant(a).compareTo(instant(b))).orElse(null));
  }

  private Future<Void> notesAbout(Tx tx, String kind, String name, List<String> times) {
    return reads.select(tx, Resources.CRM, Resources.NOTES, null, Map.of("spec.subjectRef.apiGroup", Resources.CRM,
        "spec.subjectRef.kind", kind, "spec.subjectRef.name", name), 0).map(notes -> {
          for (StoredObject note : notes) {
            String time = Reads.text(note.tree(), "spec.interactionTime");
            if (!time.isEmpty() && instant(time) != java.time.Instant.MIN) {
              times.add(time);
            }
          }
          return null;
        });
  }

  private static java.time.Instant instant(String time) {
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return java.time.Instant.MIN;
    }
  }

  private static void addIfSet(Set<String> set, String value) {
    if (!value.isEmpty()) {
      set.add(value);
    }
  }
}
