package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * KindValidator does for one kind what the kube-apiserver does for a custom resource between decoding
 * it and storing it: prune what the schema does not declare (reporting the unknown fields), apply the
 * schema's defaults, and validate: type meta, ObjectMeta, the OpenAPI schema, list types and the
 * immutable fields, in upstream's order so that the 422 causes come out as a CRD's would. Built once
 * per kind from its {@link KindDeclaration}; it holds no request state and is safe to share.
 *
 * <p>Left to the caller: decoding and duplicate keys, the namespace rules (from the URL), filling
 * {@code metadata.name} from generateName before {@link #validateCreate}, and on update the
 * BeforeUpdate/PrepareForUpdate steps before {@link #validateUpdate} (keep the old status, copy the
 * old uid, creationTimestamp, deletionTimestamp and deletionGracePeriodSeconds where upstream does);
 * otherwise those fields are reported as changed.
 */
public final class KindValidator {
  private final KindDeclaration declaration;
  private final Pruner pruner;
  private final Defaulter defaulter;
  private final SchemaValidator schemaValidator;
  private final ListTypeValidator listTypeValidator;
  private final ImmutableFields immutableFields;

  private KindValidator(KindDeclaration declaration) {
    this.declaration = declaration;
    SchemaNode root = SchemaNode.of(declaration.schema(), declaration.kind());
    this.pruner = new Pruner(root);
    this.defaulter = new Defaulter(root);
    this.schemaValidator = new SchemaValidator(root);
    this.listTypeValidator = new ListTypeValidator(root);
    this.immutableFields = new ImmutableFields(root, declaration.immutableFields());
  }

  /** The validator of {@code declaration}; fails if its schema uses a keyword this package does not enforce. */
  public static KindValidator of(KindDeclaration declaration) {
    return new KindValidator(declaration);
  }

  /** Applies the schema's defaults in place, as the CRD decoder does after pruning. */
  public void applyDefaults(ObjectNode object) {
    defaulter.apply(object);
  }

  /**
   * Removes, in place, the fields the schema does not declare and the unknown fields of
   * {@code metadata}, and returns their paths in the kube-apiserver's order: those of metadata first,
   * then the others, each group sorted ({@code metadata.foo}, {@code spec.contactRefs[0].foo},
   * {@code spec.x}). The caller reports them as {@code unknown field "<path>"}. Nulls the schema
   * neither allows nor defaults are removed too, without being reported.
   */
  public List<String> prune(ObjectNode object) {
    List<String> unknown = new ArrayList<>(ObjectMetaFields.prune(object.get("metadata")));
    unknown.addAll(pruner.prune(object));
    return unknown;
  }

  /** The errors of a new object (pruned and defaulted), in the order the kube-apiserver reports them. */
  public List<FieldError> validateCreate(ObjectNode object) {
    List<FieldError> typeMeta = validateTypeMeta(object);
    if (!typeMeta.isEmpty()) {
      return typeMeta;
    }
    List<FieldError> errors = new ArrayList<>(ObjectMetaValidator.validateCreate(object.get("metadata")));
    errors.addAll(schemaValidator.validate(object));
    errors.addAll(listTypeValidator.validate(object));
    errors.addAll(immutableFields.validate(object, null, errors));
    return errors;
  }

  /**
   * The errors of an update from {@code old} to {@code next}: metadata rules and immutability, the
   * schema (ratcheted: unchanged parts are not re-judged), list types (only if the old object had
   * none wrong) and the declaration's immutable fields.
   */
  public List<FieldError> validateUpdate(ObjectNode next, ObjectNode old) {
    JsonNode metadata = next.get("metadata");
    JsonNode oldMetadata = old.get("metadata");
    // BeforeUpdate's validateCommonFields, then the custom resource strategy's own list.
    List<FieldError> errors = new ArrayList<>(ObjectMetaValidator.validateCommon(metadata));
    errors.addAll(ObjectMetaValidator.validateTransition(metadata, oldMetadata));
    List<FieldError> typeMeta = validateTypeMeta(next);
    if (!typeMeta.isEmpty()) {
      errors.addAll(typeMeta);
      return errors;
    }
    // The strategy repeats ValidateObjectMetaAccessorUpdate: the causes list its errors twice, the message once.
    List<FieldError> strategy = new ArrayList<>(ObjectMetaValidator.validateTransition(metadata, oldMetadata));
    strategy.addAll(schemaValidator.validateUpdate(next, old));
    if (listTypeValidator.validate(old).isEmpty()) {
      strategy.addAll(listTypeValidator.validate(next));
    }
    strategy.addAll(immutableFields.validate(next, old, strategy));
    errors.addAll(strategy);
    return errors;
  }

  /** customResourceValidator.ValidateTypeMeta: kind and apiVersion must be this kind's. */
  private List<FieldError> validateTypeMeta(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    String kind = ObjectMetaValidator.string(object, "kind");
    if (!kind.equals(declaration.kind())) {
      errors.add(FieldError.invalid("kind", kind, "must be " + declaration.kind()));
    }
    String apiVersion = ObjectMetaValidator.string(object, "apiVersion");
    if (!apiVersion.equals(declaration.apiVersion())) {
      errors.add(FieldError.invalid("apiVersion", apiVersion, "must be " + declaration.apiVersion()));
    }
    return errors;
  }
}
