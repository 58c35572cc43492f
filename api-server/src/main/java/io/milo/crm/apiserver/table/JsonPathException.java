package io.milo.crm.apiserver.table;

/**
 * JsonPathException is a JSONPath that does not parse, or one that fails on a given object (an index
 * out of bounds, a filter over something that is not a list). The messages follow client-go's
 * util/jsonpath. The Table treats an evaluation failure as a missing value, as the kube-apiserver does.
 */
public final class JsonPathException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JsonPathException(String message) {
    super(message);
  }
}
