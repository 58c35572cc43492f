package io.milo.crm.storage.selector;

/**
 * SelectorParseException reports a label or field selector that cannot be parsed or is not
 * allowed. Its message is the one the Kubernetes API server gives for the same input, so the API
 * layer can answer 400 BadRequest with it unchanged.
 */
public final class SelectorParseException extends RuntimeException {
  public SelectorParseException(String message) {
    super(message, null, false, false);
  }
}
