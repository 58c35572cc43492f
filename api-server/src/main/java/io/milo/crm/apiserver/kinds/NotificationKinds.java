package io.milo.crm.apiserver.kinds;

import java.util.List;
import java.util.Locale;

/**
 * NotificationKinds declares the contact-list kinds, group notification.milo.io: Contact,
 * ContactGroup, ContactGroupMembership and ContactGroupMembershipRemoval, all namespaced and in
 * category {@code notification} (docs: resources.md, "notification.milo.io/v1alpha1"). Upstream
 * declares no short names for them, and their singular names are the lower-cased kinds, as a CRD
 * defaults them.
 */
final class NotificationKinds {
  private static final String GROUP = "notification.milo.io";
  private static final String VERSION = "v1alpha1";
  private static final List<String> CATEGORIES = List.of("notification");
  private static final boolean NAMESPACED = true;
  private static final boolean STATUS_SUBRESOURCE = true;

  private NotificationKinds() {}

  static List<KindDeclaration> declare(SchemaFiles schemas) {
    return List.of(contact(schemas), contactGroup(schemas),
        pairing(schemas, "ContactGroupMembership", List.of("spec.contactRef.name", "spec.contactRef.namespace",
            "spec.contactGroupRef.name", "spec.contactGroupRef.namespace", "status.username")),
        pairing(schemas, "ContactGroupMembershipRemoval",
            List.of("spec.contactRef.name", "spec.contactGroupRef.name", "status.username")));
  }

  private static KindDeclaration contact(SchemaFiles schemas) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Email", "string", ".spec.email", "The email address."),
        PrinterColumn.of("Given Name", "string", ".spec.givenName", "The given name."),
        PrinterColumn.of("Family Name", "string", ".spec.familyName", "The family name."),
        Columns.READY,
        Columns.AGE);
    List<String> selectable = List.of("spec.email", "spec.subject.name", "spec.subject.kind");
    // Emails are unique across all namespaces, compared case-insensitively (resources.md).
    return declaration(schemas, "Contact", columns, selectable, List.of("spec.subject"))
        .withStorage(List.of("spec.email"), List.of());
  }

  private static KindDeclaration contactGroup(SchemaFiles schemas) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Display Name", "string", ".spec.displayName", "The group's display name."),
        PrinterColumn.of("Visibility", "string", ".spec.visibility", "public (members may leave) or private."),
        Columns.READY,
        Columns.AGE);
    return declaration(schemas, "ContactGroup", columns, List.of("spec.visibility", "spec.displayName"),
        List.of("spec.visibility"));
  }

  /** A membership or a removal: a (contact, group) pair whose whole spec is immutable. */
  private static KindDeclaration pairing(SchemaFiles schemas, String kind, List<String> selectable) {
    List<PrinterColumn> columns = List.of(
        PrinterColumn.of("Contact", "string", ".spec.contactRef.name", "The Contact."),
        PrinterColumn.of("Group", "string", ".spec.contactGroupRef.name", "The ContactGroup."),
        Columns.READY,
        Columns.AGE);
    return declaration(schemas, kind, columns, selectable, List.of("spec"));
  }

  private static KindDeclaration declaration(SchemaFiles schemas, String kind, List<PrinterColumn> columns,
      List<String> selectable, List<String> immutable) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return new KindDeclaration(GROUP, VERSION, kind, lower + "s", lower, List.of(), CATEGORIES, NAMESPACED,
        schemas.load(kind), columns, selectable, immutable, STATUS_SUBRESOURCE);
  }
}
