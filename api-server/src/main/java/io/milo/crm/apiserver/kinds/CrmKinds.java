package io.milo.crm.apiserver.kinds;

import io.milo.crm.storage.TermIndex;
import java.util.List;

/**
 * CrmKinds declares the staff CRM's kinds, group crm.milo.io: Person, Company and Note, all
 * cluster-scoped and in category {@code crm} (docs: resources.md, "crm.milo.io/v1alpha1").
 */
public final class CrmKinds {
  private static final String GROUP = "crm.milo.io";
  private static final String VERSION = "v1alpha1";
  private static final List<String> CATEGORIES = List.of("crm");
  private static final boolean NAMESPACED = false;
  private static final boolean STATUS_SUBRESOURCE = true;
  private static final PrinterColumn CREATED_BY = PrinterColumn.of("Created By", "string", ".status.createdBy",
      "The user who created the object.").wide();

  /** The index of a Person's contactRefs, by "namespace/name". */
  public static final String CONTACT_REFS_INDEX = "contactRefs";

  private CrmKinds() {}

  static List<KindDeclaration> declare(SchemaFiles schemas) {
    return List.of(person(schemas), company(schemas), note(schemas));
  }

  /** The seed's People overview page. */
  private static KindDeclaration person(SchemaFiles schemas) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Full Name", "string", ".spec.name", "The full name."),
        PrinterColumn.of("Company", "string", ".spec.companyRef.name", "The Company the person belongs to."),
        PrinterColumn.resolvedBy("Email", "string", Resolvers.PERSON_EMAIL,
            "The email of the primary Contact, or of the first one."),
        PrinterColumn.of("Job Title", "string", ".spec.jobTitle", "The job title."),
        Columns.SOURCE,
        Columns.AGE,
        CREATED_BY);
    List<String> selectable = List.of("spec.companyRef.name", "spec.userRef.name", "spec.creatorRef.name", "status.createdBy");
    // contactRefs indexed by "namespace/name": who references a Contact is one lookup (deletion rules).
    return new KindDeclaration(GROUP, VERSION, "Person", "people", "person", List.of("ppl"), CATEGORIES, NAMESPACED,
        schemas.load("Person"), columns, selectable, List.of("spec.creatorRef"), STATUS_SUBRESOURCE)
        .withStorage(List.of(), List.of(new TermIndex(CONTACT_REFS_INDEX, "spec.contactRefs", List.of("namespace", "name"))));
  }

  /** The seed's Companies overview page. */
  private static KindDeclaration company(SchemaFiles schemas) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Display Name", "string", ".spec.displayName", "The company's display name."),
        PrinterColumn.of("Domains", "string", ".spec.domains", "The company's domains, joined with commas."),
        Columns.SOURCE,
        PrinterColumn.of("Last Interaction", "date", ".status.lastInteractionTime",
            "The latest interactionTime of any Note about the company or one of its people."),
        Columns.AGE,
        PrinterColumn.resolvedBy("People", "integer", Resolvers.COMPANY_PEOPLE,
            "How many People reference the company.").wide(),
        PrinterColumn.of("LinkedIn", "string", ".spec.linkedinProfile", "The company's LinkedIn profile.").wide(),
        CREATED_BY);
    List<String> selectable = List.of("spec.organizationRef.name", "spec.creatorRef.name", "status.createdBy");
    return new KindDeclaration(GROUP, VERSION, "Company", "companies", "company", List.of("co"), CATEGORIES,
        NAMESPACED, schemas.load("Company"), columns, selectable, List.of("spec.creatorRef"), STATUS_SUBRESOURCE);
  }

  /**
   * NEXT ACTION TIME is a string column holding the RFC 3339 time: a date column would print
   * {@code <invalid>} for the future times it mostly holds.
   */
  private static KindDeclaration note(SchemaFiles schemas) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Subject Kind", "string", ".spec.subjectRef.kind", "The kind of what the note is about."),
        PrinterColumn.of("Subject", "string", ".spec.subjectRef.name", "The name of what the note is about."),
        PrinterColumn.of("Creator", "string", ".spec.creatorRef.name", "The user who wrote the note."),
        PrinterColumn.of("Follow Up", "boolean", ".spec.followUp", "Whether the note needs a follow-up."),
        PrinterColumn.of("Next Action Time", "string", ".spec.nextActionTime", "When to take the next action (RFC 3339)."),
        Columns.AGE);
    List<String> selectable = List.of("spec.subjectRef.apiGroup", "spec.subjectRef.kind", "spec.subjectRef.name",
        "spec.subjectRef.namespace", "spec.creatorRef.name", "spec.followUp", "spec.nextActionTime", "status.createdBy");
    return new KindDeclaration(GROUP, VERSION, "Note", "notes", "note", List.of(), CATEGORIES, NAMESPACED,
        schemas.load("Note"), columns, selectable, List.of("spec.subjectRef", "spec.creatorRef"), STATUS_SUBRESOURCE);
  }
}
