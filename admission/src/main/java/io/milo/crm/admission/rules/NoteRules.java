package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * NoteRules: what a Note may be about (a Person or Company of crm.milo.io, without namespace; a
 * Contact of notification.milo.io, with one; a User of iam.miloapis.com, shape only), that its subject
 * exists where it is served here, and that nextActionTime is not in the past when set or changed.
 * subjectRef itself is immutable (the kind's declaration).
 */
final class NoteRules implements AdmissionPlugin {
  private static final List<String> SUPPORTED = List.of("crm.milo.io/Person", "crm.milo.io/Company",
      "notification.milo.io/Contact", "iam.miloapis.com/User");

  private final Reads reads;

  NoteRules(Reads reads) {
    this.reads = reads;
  }

  @Override
  public String name() {
    return "NoteSubject";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.CRM) && request.resource().equals(Resources.NOTES)
        && request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    AdmissionException.Cause time = nextActionTime(request);
    if (time != null) {
      return Future.failedFuture(AdmissionException.invalid(request, time));
    }
    if (request.operation() != Operation.CREATE) {
      return Future.succeededFuture();
    }
    JsonNode subject = request.object().path("spec").path("subjectRef");
    String group = subject.path("apiGroup").asText("");
    String kind = subject.path("kind").asText("");
    String name = subject.path("name").asText("");
    String namespace = subject.path("namespace").asText("");
    String pair = group + "/" + kind;
    if (!SUPPORTED.contains(pair)) {
      return Future.failedFuture(AdmissionException.invalid(request, new AdmissionException.Cause("FieldValueNotSupported",
          "spec.subjectRef.kind", "Unsupported value: " + AdmissionException.quote(pair) + ": supported values: "
          + String.join(", ", SUPPORTED.stream().map(AdmissionException::quote).toList()))));
    }
    boolean contact = kind.equals("Contact");
    if (contact && namespace.isEmpty()) {
      return Future.failedFuture(AdmissionException.invalid(request, new AdmissionException.Cause("FieldValueRequired",
          "spec.subjectRef.namespace", "Required value: a Contact subject needs its namespace")));
    }
    if (!contact && !namespace.isEmpty()) {
      return Future.failedFuture(AdmissionException.invalid(request, AdmissionException.forbidden(
          "spec.subjectRef.namespace", "a " + kind + " subject has no namespace")));
    }
    if (group.equals(Resources.IAM)) {
      return Future.succeededFuture();
    }
    String resource = switch (kind) {
      case "Person" -> Resources.PEOPLE;
      case "Company" -> Resources.COMPANIES;
      default -> Resources.CONTACTS;
    };
    return reads.find(tx, group, resource, namespace, name).compose(found -> found.isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(AdmissionException.invalid(request, AdmissionException.notFound("spec.subjectRef",
            contact ? namespace + "/" + name : name, "no " + kind + " named " + name
            + (contact ? " in namespace " + namespace : "")))));
  }

  /** nextActionTime may not be in the past when it is set on create or changed on update. */
  private static AdmissionException.Cause nextActionTime(AdmissionAttributes request) {
    String next = request.object().path("spec").path("nextActionTime").asText("");
    if (next.isEmpty()) {
      return null;
    }
    if (request.operation() == Operation.UPDATE
        && next.equals(request.oldObject().path("spec").path("nextActionTime").asText(""))) {
      return null;
    }
    try {
      Instant at = OffsetDateTime.parse(next).toInstant();
      if (at.isBefore(Instant.now().minusSeconds(1))) {
        return AdmissionException.invalidValue("spec.nextActionTime", next, "must not be in the past");
      }
    } catch (DateTimeParseException e) {
      return null; // the schema's date-time format reports it
    }
    return null;
  }
}
