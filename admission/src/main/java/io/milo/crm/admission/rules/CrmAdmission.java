package io.milo.crm.admission.rules;

import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.ObjectWriter;
import java.util.List;

/**
 * CrmAdmission assembles the rules of resources.md into the server's admission chain, in the order
 * they must run: server-set fields first (they are mutations), then the checks, then the writes that
 * follow from a write (cascades before the company times that depend on them, the newsletter last).
 */
public final class CrmAdmission {
  private CrmAdmission() {}

  /**
   * @param objects how rules read types and write other objects
   * @param newsletterNamespace the newsletter group's namespace (default "default")
   * @param newsletterName the newsletter group's name (default "newsletter")
   */
  public static AdmissionChain chain(ObjectWriter objects, String newsletterNamespace, String newsletterName) {
    Reads reads = new Reads(objects);
    PairingRules pairing = new PairingRules(reads, objects);
    return new AdmissionChain(List.of(
        new CreatorRule(),
        new InitialConditions(),
        pairing,
        new LabelWarnings(),
        new PersonRules(reads),
        new NoteRules(reads),
        new ContactRules(objects),
        new ContactGroupRules(reads),
        new DeletionRules(reads, objects),
        new LastInteraction(reads, objects),
        new NewsletterAutoAdd(pairing, reads, objects, newsletterNamespace, newsletterName)));
  }
}
