package io.milo.crm.admission.rules;

import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ContactRules: a Contact's email is an RFC 5322 addr-spec and unique across all namespaces,
 * compared case-insensitively. The check names the other Contact; the store's unique index makes it
 * hold even between replicas. The subject's immutability is the kind's declaration.
 */
final class ContactRules implements AdmissionPlugin {
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String DOT_ATOM = ATOM + "(?:\\." + ATOM + ")*";
  private static final String QUOTED = "\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"";
  private static final String LITERAL = "\\[[^\\[\\]\\\\\\r\\n]*\\]";
  static final Pattern ADDR_SPEC = Pattern.compile("(?:" + DOT_ATOM + "|" + QUOTED + ")@(?:" + DOT_ATOM + "|" + LITERAL + ")");

  private final ObjectWriter objects;

  ContactRules(ObjectWriter objects) {
    this.objects = objects;
  }

  @Override
  public String name() {
    return "ContactEmail";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.NOTIFICATION) && request.resource().equals(Resources.CONTACTS)
        && request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    if (!request.object().path("spec").path("email").isTextual()) {
      return Future.succeededFuture(); // the schema reports a missing email
    }
    String email = request.object().path("spec").path("email").asText();
    if (!ADDR_SPEC.matcher(email).matches()) {
      return Future.failedFuture(AdmissionException.invalid(request, AdmissionException.invalidValue("spec.email", email,
          "must be an email address (an RFC 5322 addr-spec such as name@example.com)")));
    }
    if (request.operation() == Operation.UPDATE && email.toLowerCase(Locale.ROOT)
        .equals(request.oldObject().path("spec").path("email").asText("").toLowerCase(Locale.ROOT))) {
      return Future.succeededFuture();
    }
    return tx.findByUnique(objects.type(Resources.NOTIFICATION, Resources.CONTACTS), "spec.email", email).compose(holder -> {
      if (holder.isPresent() && !(holder.get().key().namespace().equals(request.namespace())
          && holder.get().key().name().equals(request.name()))) {
        return Future.failedFuture(AdmissionException.invalid(request, AdmissionException.duplicate("spec.email", email,
            "already used by Contact " + Reads.describe(holder.get()))));
      }
      return Future.succeededFuture();
    });
  }
}
