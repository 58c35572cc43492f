package io.milo.crm.sync.reconcile;

/**
 * Kinds names the four notification.milo.io kinds the sync follows, with their plural resource names.
 */
public enum Kinds {
  CONTACT("Contact", "contacts"),
  CONTACT_GROUP("ContactGroup", "contactgroups"),
  MEMBERSHIP("ContactGroupMembership", "contactgroupmemberships"),
  REMOVAL("ContactGroupMembershipRemoval", "contactgroupmembershipremovals");

  public static final String GROUP = "notification.milo.io";
  public static final String VERSION = "v1alpha1";

  private final String kind;
  private final String plural;

  Kinds(String kind, String plural) {
    this.kind = kind;
    this.plural = plural;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }
}
