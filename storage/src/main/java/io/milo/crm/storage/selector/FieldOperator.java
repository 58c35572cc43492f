package io.milo.crm.storage.selector;

/**
 * FieldOperator is how a {@link FieldRequirement} compares a field with its value. Field selectors
 * know only equality: {@code =} and {@code ==} are both {@link #EQUALS}, as upstream.
 */
public enum FieldOperator {
  /** {@code f=v} or {@code f==v}. */
  EQUALS("="),
  /** {@code f!=v}. */
  NOT_EQUALS("!=");

  private final String symbol;

  FieldOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as upstream prints it. */
  public String symbol() {
    return symbol;
  }
}
