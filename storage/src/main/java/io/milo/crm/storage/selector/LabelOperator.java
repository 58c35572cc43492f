package io.milo.crm.storage.selector;

/**
 * LabelOperator is how a {@link LabelRequirement} relates a label key to its values, one constant
 * per operator of upstream's {@code selection.Operator} that a label selector can spell. {@code =}
 * and {@code ==} mean the same but stay apart so a selector prints back as it was written.
 */
public enum LabelOperator {
  /** {@code k}: the label is present, whatever its value. */
  EXISTS,
  /** {@code !k}: the label is absent. */
  DOES_NOT_EXIST,
  /** {@code k=v}: the label is present with value v. */
  EQUALS,
  /** {@code k==v}: the same as {@link #EQUALS}. */
  DOUBLE_EQUALS,
  /** {@code k!=v}: the label is absent or has another value. */
  NOT_EQUALS,
  /** {@code k in (a,b)}: the label is present with one of the values. */
  IN,
  /** {@code k notin (a,b)}: the label is absent or has none of the values. */
  NOT_IN,
  /** {@code k>N}: the label is present, is an int64, and is greater than N. */
  GREATER_THAN,
  /** {@code k<N}: the label is present, is an int64, and is less than N. */
  LESS_THAN
}
