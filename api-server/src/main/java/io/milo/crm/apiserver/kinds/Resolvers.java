package io.milo.crm.apiserver.kinds;

/**
 * Resolvers names the server-resolved printer columns: values the Table builder computes from other
 * objects, for a whole page at once (one query per page, never one per row). The HTTP layer must
 * implement each name a {@link PrinterColumn#resolver()} uses.
 */
public final class Resolvers {
  /** Person {@code EMAIL}: the email of the primary Contact among its contactRefs, else of the first. */
  public static final String PERSON_EMAIL = "person-email";
  /** Company {@code PEOPLE}: how many People reference the Company in spec.companyRef. */
  public static final String COMPANY_PEOPLE = "company-people";

  private Resolvers() {}
}
