package io.milo.crm.admission.rules;

/** The groups, resources and kinds the rules talk about, as resources.md names them. */
final class Resources {
  static final String CRM = "crm.milo.io";
  static final String NOTIFICATION = "notification.milo.io";
  static final String IAM = "iam.miloapis.com";
  static final String CRM_VERSION = CRM + "/v1alpha1";
  static final String NOTIFICATION_VERSION = NOTIFICATION + "/v1alpha1";

  static final String PEOPLE = "people";
  static final String COMPANIES = "companies";
  static final String NOTES = "notes";
  static final String CONTACTS = "contacts";
  static final String GROUPS = "contactgroups";
  static final String MEMBERSHIPS = "contactgroupmemberships";
  static final String REMOVALS = "contactgroupmembershipremovals";

  /** The index of a Person's contactRefs by "namespace/name" (declared with the Person kind). */
  static final String CONTACT_REFS_INDEX = "contactRefs";

  private Resources() {}
}
