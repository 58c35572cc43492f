package io.milo.crm.apiserver.negotiation;

/** BodyType is how to decode the body of a create or update, from its Content-Type. */
public enum BodyType {
  JSON,
  YAML
}
